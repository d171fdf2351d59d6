"""The "vertellen" of the monitor: stories, rode draden, lessons and accountability.

`selectors` reads stories while the family's consent holds; `permissions` has the workflow predicates;
`learning` reads lessons, accountability and knelpunt hotspots; `approval_selectors` reads the texts a
second person approves; `access` lists a case's stories for a subject-access request; `tasks` tidies up
stories whose consent was withdrawn.
"""
