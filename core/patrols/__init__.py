"""Patrols (巡查): supervisors' records of attendance, dress, discipline, window state and video patrols."""
