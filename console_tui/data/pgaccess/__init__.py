"""PostgreSQL enforcing the permission matrix: one role per agency user, row-level security, grants.

``surface`` says which actions write which tables (read from the matrix in ``domain/permissions``);
``ddl`` turns that and the matrix into SQL (the migration and ``console-tui db roles sync`` both run
it, so nothing is written twice by hand); ``roles`` creates and lists the roles; ``identity`` tells
whether the connection is an agency login (per-user mode).
"""
