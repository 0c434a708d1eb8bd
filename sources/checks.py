"""System checks of the pull settings: the fetch's retry budget must fit in the pull task's time limit."""

from django.core.checks import Error, register


@register()
def fetch_budget_fits_the_task(app_configs=None, **kwargs):
    from sources.fetch import fetch_budget
    from sources.tasks import IMPORT_ALLOWANCE, PULL_SOFT_TIME_LIMIT

    room = PULL_SOFT_TIME_LIMIT - IMPORT_ALLOWANCE
    if fetch_budget() <= room:
        return []
    return [
        Error(
            f"PULL_FETCH_BUDGET ({fetch_budget():g} s) leaves less than {IMPORT_ALLOWANCE} s of the pull "
            f"task's soft time limit ({PULL_SOFT_TIME_LIMIT} s) for the import.",
            hint=f"Lower PULL_FETCH_BUDGET to {room} or less, or raise PULL_TASK_TIME_LIMIT.",
            id="sources.E001",
        )
    ]
