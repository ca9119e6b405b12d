"""Jurisdictions (辖区): the area a hall belongs to and whose plugin supplies local rules."""
