"""The agency's administration screens: users, billing, dashboard, audit log, email limits, usage,
My Account."""
