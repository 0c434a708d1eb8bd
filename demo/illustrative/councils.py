"""Mission councils (strategy council and delivery board), taskforces, meetings, agendas, decisions, actions.

Illustrative throughout (IPPR's council-and-taskforce model). People are named by the office they hold, never
by invented personal names. Meetings and actions are dated relative to the day the loader runs, so the demo
always has past and upcoming meetings and both overdue and open actions.
"""

from __future__ import annotations

from datetime import timedelta

from councils import returns as return_rules
from councils.models import (
    Action,
    AgendaItem,
    Confidence,
    Council,
    CouncilMember,
    Decision,
    DepartmentalReturn,
    Meeting,
    ReturnEntry,
    ReturnVersion,
    Taskforce,
    TaskforceMember,
)
from metrics.models import Metric
from missions.models import Contribution, Mission, Organisation, User
from spending.models import BusinessCase

from ..common import ILLUSTRATIVE, Tally, at_ten, days_from_today, upsert

P = CouncilMember.Position
U = TaskforceMember.Unit
SOS = {
    "dbt": "Secretary of State for Business and Trade",
    "mhclg": "Secretary of State for Housing, Communities and Local Government",
    "desnz": "Secretary of State for Energy Security and Net Zero",
    "home-office": "Home Secretary",
    "dfe": "Secretary of State for Education",
    "dhsc": "Secretary of State for Health and Social Care",
}
MAYORS = {"gmca": "Mayor of Greater Manchester", "wmca": "Mayor of the West Midlands"}

# mission: secretaries of state (besides the Chancellor), mayor, extra delivery-board official, core metrics
SETUP = {
    "growth": (["dbt", "mhclg", "desnz"], "gmca", None, ["gdp_per_capita_real_growth", "net_additional_dwellings"]),
    "clean-energy": (["desnz", "dbt", "mhclg"], "wmca", None,
                     ["electricity_low_carbon_share", "electricity_carbon_intensity"]),
    "safer-streets": (["home-office", "mhclg", "dfe"], "wmca", None,
                      ["physical_violence_prevalence_adults", "police_officers_fte_43_forces"]),
    "opportunity": (["dfe", "dhsc", "mhclg"], "gmca",
                    ("His Majesty's Chief Inspector of Education, Children's Services and Skills", "ofsted"),
                    ["gld_all_children", "gld_fsm_eligible"]),
    "nhs": (["dhsc", "dfe"], "gmca", ("Chief Executive of NHS England", "nhs-england"),
            ["rtt_18_weeks", "healthy_life_expectancy_at_birth_female"]),
}  # fmt: skip

# (council kind, meeting kind, title, days from today, department under review)
MEETINGS = [
    (Council.Kind.STRATEGY, Meeting.Kind.STRATEGY, "Strategy session: the mission roadmap", -70, None),
    (
        Council.Kind.STRATEGY,
        Meeting.Kind.STRATEGY,
        "Strategy session: annual review of the mission",
        35,
        None,
    ),
    (Council.Kind.DELIVERY, Meeting.Kind.DELIVERY, "Delivery board: quarterly progress review", -21, None),
    (Council.Kind.DELIVERY, Meeting.Kind.DELIVERY, "Delivery board: next progress review", 14, None),
]
CHECK_INS = {
    "opportunity": [("Check-in with the Department for Education: early years", -49, "dfe"),
                    ("Check-in with the Department for Education: school readiness plan", 7, "dfe")],
    "nhs": [("Check-in with the Department of Health and Social Care: elective recovery", -35, "dhsc"),
            ("Check-in with the Department of Health and Social Care: waiting times plan", 10, "dhsc")],
}  # fmt: skip
CASE_ON_AGENDA = {"opportunity": "family-hubs-school-readiness", "nhs": "childhood-healthy-weight-pie"}


def load_councils(
    tally: Tally,
    missions: dict[str, Mission],
    orgs: dict[str, Organisation],
    metrics: dict[str, Metric],
    contributions: dict[tuple[str, str], Contribution],
    cases: dict[str, BusinessCase],
    users: dict[str, User],
) -> None:
    for slug, (secretaries, mayor, official, core) in SETUP.items():
        mission = missions[slug]
        lead = mission.lead_organisation
        councils = {}
        for kind, label in (
            (Council.Kind.STRATEGY, "Mission Council"),
            (Council.Kind.DELIVERY, "Delivery Board"),
        ):
            councils[kind] = upsert(
                tally,
                Council,
                {"mission": mission, "kind": kind},
                {
                    "name": f"{mission.short_title} {label} (illustrative)",
                    "slug": f"{slug}-{kind}",
                    "chair": "Prime Minister",
                    "remit": f"{ILLUSTRATIVE} "
                    + ("Sets the mission's strategy and coordinates policy across departments."
                       if kind == Council.Kind.STRATEGY
                       else "Plans and monitors delivery; holds departmental check-ins."),
                    "illustrative": True,
                },
            )  # fmt: skip
            members = [
                ("Prime Minister", P.CHAIR, orgs["no10"]),
                ("Chancellor of the Exchequer", P.MINISTER, orgs["hmt"]),
            ]
            members += [(SOS[dept], P.MINISTER, orgs[dept]) for dept in secretaries]
            members += [
                (MAYORS[mayor], P.MAYOR, orgs[mayor]),
                ("Cabinet Secretary", P.OFFICIAL, orgs["cabinet-office"]),
            ]
            members.append((f"Permanent Secretary, {lead.name}", P.OFFICIAL, lead))
            if kind == Council.Kind.DELIVERY and official:
                members.append((official[0], P.OFFICIAL, orgs[official[1]]))
            for role, position, org in members:
                upsert(
                    tally,
                    CouncilMember,
                    {"council": councils[kind], "name": role, "role": role},
                    {"position": position, "organisation": org},
                )
        _taskforce(tally, mission, orgs, users)
        context = {"metrics": [metrics[m] for m in core], "lead": lead, "contributions": contributions,
                   "case": cases.get(CASE_ON_AGENDA.get(slug, ""))}  # fmt: skip
        # Each past meeting follows up a different core metric, so no action is set twice.
        focus = 0
        for council_kind, kind, title, days, _ in MEETINGS:
            _meeting(tally, councils[council_kind], kind, title, days, None, focus=focus, **context)
            focus += days < 0
        for title, days, dept in CHECK_INS.get(slug, []):
            _meeting(
                tally,
                councils[Council.Kind.DELIVERY],
                Meeting.Kind.CHECK_IN,
                title,
                days,
                orgs[dept],
                focus=focus,
                **context,
            )
            focus += days < 0


def _taskforce(tally, mission, orgs, users) -> Taskforce:
    taskforce = upsert(
        tally,
        Taskforce,
        {"mission": mission},
        {
            "name": f"{mission.short_title} Mission Taskforce (illustrative)",
            "lead": "Mission Director, Cabinet Office",
            "illustrative": True,
        },
    )
    lead = mission.lead_organisation
    members = [
        ("Mission Director", "Leads the taskforce", U.DELIVERY, orgs["cabinet-office"], None),
        ("Policy adviser, No10 Policy Unit", "Policy options for the council", U.POLICY, orgs["no10"], None),
        ("Strategy Unit lead", "Long-term strategy and roadmap", U.STRATEGY, orgs["cabinet-office"], None),
        ("Delivery Unit lead", "Trajectories and check-ins", U.DELIVERY, orgs["no10"], None),
        ("Spending team lead, HM Treasury", "Spending and business cases", U.TREASURY, orgs["hmt"], None),
        (f"Secondee, {lead.name}", "Departmental link", U.DEPARTMENT, lead, None),
        ("Head of analysis", "Mission metrics and evidence", U.ANALYSIS, orgs["cabinet-office"], None),
    ]
    if mission.slug == "opportunity":
        members.append(
            ("Taskforce secretariat", "Meetings, agendas and check-in packs", U.DELIVERY,
             orgs["cabinet-office"], users["secretariat"])
        )  # fmt: skip
    for name, role, unit, org, user in members:
        upsert(
            tally,
            TaskforceMember,
            {"taskforce": taskforce, "name": name},
            {"role": role, "unit": unit, "organisation": org, "user": user},
        )
    return taskforce


def _meeting(
    tally, council, kind, title, days, department, *, focus, metrics, lead, contributions, case
) -> Meeting:
    past = days < 0
    owner = department or lead
    meeting = upsert(
        tally,
        Meeting,
        {"council": council, "title": title},
        {
            "kind": kind,
            "starts_at": at_ten(days_from_today(days)),
            "location": "Cabinet Room, 10 Downing Street",
            "department": department,
            "minutes": f"{ILLUSTRATIVE} The meeting reviewed progress on the mission's core metrics and agreed "
            "the actions below."
            if past
            else "",
            "minutes_published_at": at_ten(days_from_today(days + 2)) if past else None,
            "illustrative": True,
        },
    )
    items = [f"Progress: {metric.name}" for metric in metrics]  # metric names as published
    links = [{"metric": metric} for metric in metrics]
    contribution = contributions.get((council.mission.slug, owner.slug))
    if contribution is not None:
        items.append(f"{owner} contribution: {contribution.outcome}")
        links.append({"contribution": contribution})
    if case is not None and kind != Meeting.Kind.STRATEGY:
        items.append(f"Business case: {case.title}")
        links.append({"business_case": case})
    for order, (item, link) in enumerate(zip(items, links, strict=True), start=1):
        upsert(tally, AgendaItem, {"meeting": meeting, "order": order}, {"title": item, **link})
    if past:
        _outcomes(tally, meeting, owner, metrics[focus % len(metrics)], days)
    if kind == Meeting.Kind.CHECK_IN:
        _return(tally, meeting, days)
    return meeting


def _outcomes(tally, meeting, owner, metric, days) -> None:
    decision = upsert(tally, Decision, {"meeting": meeting, "text": f"{ILLUSTRATIVE} Agreed the trajectory for "
                      f"{metric.name} and the evidence needed to judge progress at the next meeting."})  # fmt: skip
    met_on = days_from_today(days)
    done_on = met_on + timedelta(days=14)
    actions = [
        ("Publish the delivery plan for the next quarter", done_on, Action.Status.DONE),
        (f"Report the latest figures with their caveats: {metric.name}", days_from_today(-5),
         Action.Status.OPEN),
        ("Agree data-sharing with delivery partners", days_from_today(28), Action.Status.IN_PROGRESS),
    ]  # fmt: skip
    for title, due, status in actions:
        upsert(
            tally,
            Action,
            {"meeting": meeting, "title": title},
            {
                "detail": ILLUSTRATIVE,
                "owner_organisation": owner,
                "owner_name": f"Permanent Secretary, {owner.name}"
                if owner.kind == "department"
                else str(owner),
                "due_date": due,
                "status": status,
                "metric": metric,
                "completed_at": at_ten(done_on - timedelta(days=1)) if status == Action.Status.DONE else None,
                "decision": decision,
                "illustrative": True,
            },
        )


# An illustrative judgement for each kind of thing a department's return covers; the computed status beside
# it comes from the real figures, so a mismatch (say "likely" on an off-track metric) shows when there is one.
RETURN_JUDGEMENTS = [
    (Confidence.LIKELY, "Illustrative example: the programme is funded and the first year's checks are on plan.",
     "Illustrative example: recruitment of early years staff.", "Illustrative example: data-sharing with local authorities."),
    (Confidence.UNLIKELY, "Illustrative example: the gap widened in the latest year and the plan is not yet agreed.",
     "Illustrative example: take-up among eligible families.", "Illustrative example: a decision on funding at the next fiscal event."),
]  # fmt: skip


def _return(tally, meeting: Meeting, days: int) -> None:
    """The department's return: a past check-in's submitted (the DHSC one late), an upcoming one's
    requested and outstanding. Illustrative throughout."""
    past = days < 0
    requested = upsert(
        tally,
        DepartmentalReturn,
        {"meeting": meeting},
        {
            "organisation": meeting.department,
            "deadline": at_ten(days_from_today(days - 3)),
            "requested_at": at_ten(days_from_today(days - 14)),
            "illustrative": True,
        },
    )
    if not past:
        return
    late = meeting.department.slug == "dhsc"
    filed = at_ten(days_from_today(days - (1 if late else 4)))
    version = upsert(
        tally,
        ReturnVersion,
        {"departmental_return": requested, "number": 1},
        {"created_at": filed, "submitted_at": filed},
    )
    metrics, contributions = return_rules.subjects(meeting)
    subjects = [{"metric": m} for m in metrics] + [{"contribution": c} for c in contributions]
    for index, subject in enumerate(subjects):
        confidence, reason, risks, asks = RETURN_JUDGEMENTS[index % len(RETURN_JUDGEMENTS)]
        upsert(
            tally,
            ReturnEntry,
            {"version": version, **subject},
            {"confidence": confidence, "reason": reason, "risks": risks, "asks": asks},
        )
