"""What the schools app tells the apps built on it.

`delivery_scheduled` is sent once a visit's scheduling has committed, with the
`delivery`; training connects to it to give the visit its pupil feedback code.
"""

from django.dispatch import Signal

delivery_scheduled = Signal()
