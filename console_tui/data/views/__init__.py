"""What queries and commands return: plain frozen dataclasses, never ORM objects."""
