from django.contrib.auth.decorators import login_required

from .. import selectors
from .common import page

SHOWN = 200


@login_required
def home(request):
    """The villages whose ledgers the user may read (a clerk: their one village)."""
    villages = selectors.village_list(user=request.user)
    total = villages.count()
    return page(request, "entry/home.html", {"villages": villages[:SHOWN], "more": total > SHOWN,
                                             "shown": SHOWN, "total": total})
