from ninja import Router, Schema

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    role: str
    scope_code: str | None
    scope_name: str | None


@router.get("/me", response=MeOut, url_name="me")
def me(request):
    user = request.auth
    return MeOut(username=user.username, role=user.role, scope_code=user.scope_id,
                 scope_name=user.scope.name if user.scope_id else None)
