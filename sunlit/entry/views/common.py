"""What every entry page does: read through the scope layer, and on POST check the role, gather
the form's cells and write them through a ledger service, showing the ledger's errors on the form."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect, render

from sunlit.accounts.roles import can
from sunlit.accounts.scope import require
from sunlit.errors import InvalidInput
from sunlit.ledger.services import WRITE_ACTION


def can_write(user) -> bool:
    return can(user.role, WRITE_ACTION)


def submitted(request, form, save: Callable[[dict], object]):
    """On POST: the writer's role is checked, the form read and ``save(cells)`` called; returns what
    it saved, or None (the form then carries the errors, and nothing was written)."""
    if request.method != "POST":
        return None
    require(request.user, WRITE_ACTION)
    if not form.is_valid():
        return None
    cells = form.cells() if hasattr(form, "cells") else dict(form.cleaned_data)
    try:
        return save(cells)
    except InvalidInput as error:
        form.refuse(error)
        return None


def page(request, template: str, context: dict):
    """Render an entry page; a refused POST answers 422 with the form and its errors."""
    context.setdefault("can_write", can_write(request.user))
    status = 422 if request.method == "POST" else 200
    return render(request, template, context, status=status)


def saved(request, message, to: str, **kwargs):
    messages.success(request, message)
    return redirect(to, **kwargs)
