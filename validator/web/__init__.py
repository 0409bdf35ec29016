"""`lkjip serve`: the team's web page over the findings register.

Server-rendered (Flask and Jinja templates, autoescaped; no script on any page), bound
to localhost by default. Opened to the office network (`--host` not a loopback address)
it requires a login (users and roles in the register, salted password hashes), every
form carries a CSRF token, and an uploaded report is only ever read as data by the same
safe readers as `lkjip check` (size and type limited, deleted after the check).
"""
