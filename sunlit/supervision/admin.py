from django import forms
from django.contrib import admin

from sunlit.engine import EngineError, load_catalogue
from sunlit.engine.params import bind_params
from sunlit.regions import codes

from .models import Alert, ModelRun, ModelSetting


class ModelSettingForm(forms.ModelForm):
    class Meta:
        model = ModelSetting
        fields = ["model_code", "region_code", "params", "enabled"]

    def clean(self):
        data = super().clean()
        try:
            spec = load_catalogue(codes=[data.get("model_code", "")])[0]
            bind_params(spec, data.get("params") or {})
        except EngineError as exc:
            raise forms.ValidationError(str(exc)) from None
        region = data.get("region_code") or ""
        if region and not codes.is_well_formed(region):
            raise forms.ValidationError("区划代码必须是12位数字 / the region code must be 12 digits")
        return data


@admin.register(ModelSetting)
class ModelSettingAdmin(admin.ModelAdmin):
    form = ModelSettingForm
    list_display = ("model_code", "region_code", "params", "enabled", "updated_at")
    list_filter = ("enabled",)

    def save_model(self, request, obj, form, change):
        from .services import model_setting_set

        model_setting_set(model_code=obj.model_code, region_code=obj.region_code, params=obj.params,
                          enabled=obj.enabled, actor=request.user)


@admin.register(ModelRun)
class ModelRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "started_at", "engine", "region_code", "status", "alerts_new")
    readonly_fields = [f.name for f in ModelRun._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("model_code", "severity", "subject_type", "subject_id", "village_code", "period", "state")
    list_filter = ("severity", "state", "model_code")
    readonly_fields = [f.name for f in Alert._meta.fields]

    def has_add_permission(self, request):
        return False
