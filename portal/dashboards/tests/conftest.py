from portal.assessments.tests.fixtures import enterprises, places, users

__all__ = ["enterprises", "places", "users"]
