"""What every screen and widget shares: the key table, the worker helper, the messages workers post,
and the plain sentences shown when something fails."""
