"""Background work for councils. Thin: take an id, call the service (which is idempotent)."""

from celery import shared_task

from councils import services


@shared_task(acks_late=True, time_limit=300, soft_time_limit=240, ignore_result=True)
def build_checkin_pack(pack_id: int) -> None:
    services.checkin_pack_build(pack_id=pack_id)
