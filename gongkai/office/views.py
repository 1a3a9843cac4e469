from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """Where a member of staff lands: the agencies they work for and their roles there."""
    memberships = request.user.memberships.select_related("agency").order_by("agency__name", "role")
    return render(request, "office/home.html", {"memberships": memberships})
