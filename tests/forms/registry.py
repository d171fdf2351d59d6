"""Every form WIO renders, by what it does; the crawl test fails on a form that is not listed here.

EDIT forms show stored values: sent back unchanged they must change nothing. CREATE forms make one
record: sent twice (the same rendered form) they make it once. ACTION forms are buttons whose only
purpose is a change (delete, withdraw, publish); they are fuzzed, not round-tripped.
"""

EDIT = frozenset(
    {
        "cases:edit",
        "cases:group_edit",
        "cases:entry_edit",
        "cases:preparation_edit",
        "moreelberaad:edit",
        "moreelberaad:waiver",
        "moreelberaad:participant_edit",
        "moreelberaad:perspective_edit",
        "moreelberaad:step_edit",
        "moreelberaad:notes",
        "moreelberaad:outcome",
        "moreelberaad:evaluation",
        "moreelberaad:meeting_place_edit",
        "monitor:story_edit",
        "monitor:theme_edit",
        "monitor:accountability_edit",
    }
)

CREATE = frozenset(
    {
        "cases:create",
        "cases:entry_add",
        "cases:knelpunt_add",
        "cases:case_hours_add",
        "cases:hours_add",
        "moreelberaad:plan",
        "moreelberaad:participant_add",
        "moreelberaad:perspective_add",
        "moreelberaad:commitment_add",
        "moreelberaad:action_add",
        "moreelberaad:reflection_add",
        "moreelberaad:meeting_place_add",
        "monitor:story_create",
        "monitor:theme_create",
        "monitor:lesson_create",
    }
)

# Uploads: a browser sends a file, which the round trip cannot invent; tests/cases covers them.
UPLOAD = frozenset({"cases:attachment_add", "cases:import_upload"})

ACTION = frozenset(
    {
        "cases:list",  # the filter, posted so that a youth's name never lands in a URL
        "audit:event_list",  # the filter, posted so that a youth's reference never lands in a URL
        "cases:status",
        "cases:delete",
        "cases:entry_delete",
        "cases:consent_withdraw",
        "cases:knelpunt_status",
        "cases:action_done",
        "cases:attachment_delete",
        "cases:hours_delete",
        "cases:import_commit",
        "cases:digest_preference",
        "cases:destruction_list_detail",  # one approval; the second, by another person, destroys
        "cases:handover_request",  # choosing the municipality; a confirmation page follows
        "cases:handover_decide",  # accept (with the partnership) or decline
        "cases:handover_cancel",
        "cases:access_list",  # asking for a subject-access overview, by posted reference
        "moreelberaad:parents_approve",
        "moreelberaad:participant_remove",
        "moreelberaad:perspective_remove",
        "moreelberaad:commitment_remove",
        "moreelberaad:reflection_remove",
        "moreelberaad:reflection_release",  # four eyes on a rode draad for the monitor (ADR 0016)
        "moreelberaad:mark_held",
        "moreelberaad:outcome_send",
        "moreelberaad:invite",
        "moreelberaad:cancel",
        "moreelberaad:answer",
        "moreelberaad:pack_pdf_request",
        "moreelberaad:calendar_feed_manage",
        "moreelberaad:meeting_place_active",  # out of use or back in use: reversible, no confirmation
        "monitor:report_list",  # asking for a report
        "monitor:report_retry",
        "monitor:report_publish",
        "monitor:story_review",
        "monitor:story_approve",
        "monitor:story_withdraw",
        "monitor:theme_approve",  # the second reader (ADR 0016)
        "monitor:lesson_approve",
        "monitor:accountability_approve",
    }
)

# Outside the crawl: allauth's own forms and the admin are the libraries' (tests/accounts covers them).
LIBRARY = frozenset({"account_logout"})

ALL = EDIT | CREATE | UPLOAD | ACTION | LIBRARY

# Listed forms the demo does not show to anyone at crawl time (with the reason); each is covered by
# its own tests. The crawl test fails when one of these does turn up, so the list stays honest.
NOT_IN_DEMO: dict[str, str] = {
    "cases:import_commit": "its page opens only after an upload; tests/cases/test_import.py drives it",
    "cases:handover_decide": (
        "the demo's pending handover leaves the demo LPA's municipality; no demo user receives it. "
        "tests/cases/test_handover.py and tests/e2e/test_handover_journey.py drive it"
    ),
}
