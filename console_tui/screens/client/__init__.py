"""Screens inside one client's instance: users, company profile, billing, team call, avatar."""
