"""Pages about missions and departments, one module per page; shared helpers in `common`."""

from dashboards.views.department import department
from dashboards.views.mission import mission_detail, public_mission
from dashboards.views.overview import home
from dashboards.views.public import accessibility, after_sign_in, public_home

__all__ = [
    "accessibility",
    "after_sign_in",
    "department",
    "home",
    "mission_detail",
    "public_home",
    "public_mission",
]
