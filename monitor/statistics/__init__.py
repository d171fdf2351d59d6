"""What the monitor counts and how every number is protected before anyone sees it.

`counts` and `supporting_counts` produce raw `tables.CountTable`s from the case files (scope in
`scope`, meanings in `definitions`); `sdc` with `sdc_pattern` is the one gate every published number
passes, and `joint_suppression` protects everything published for one reporting date together.
"""
