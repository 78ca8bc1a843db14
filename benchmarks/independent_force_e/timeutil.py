"""Time handling for the Fellmoor generator.

Internally every instant is an integer number of seconds since 1970-01-01T00:00Z (UTC).
The force's local time is Europe/London; the UK rule (BST from 01:00 UTC on the last
Sunday of March to 01:00 UTC on the last Sunday of October) is implemented here so that
the generator needs no time-zone database.  Local wall-clock times are converted to UTC
with the FDP default rule: a time in the spring gap is shifted forward, a time in the
autumn overlap takes the earliest (BST) reading.
"""
import datetime as _dt

_EPOCH = _dt.date(1970, 1, 1)
DAY = 86400
HOUR = 3600
MIN = 60


def day_number(date):
    return (date - _EPOCH).days


def date_of(dn):
    return _EPOCH + _dt.timedelta(days=dn)


def _last_sunday(year, month):
    if month == 12:
        d = _dt.date(year, 12, 31)
    else:
        d = _dt.date(year, month + 1, 1) - _dt.timedelta(days=1)
    return d - _dt.timedelta(days=(d.weekday() - 6) % 7)


def _bst_bounds(year):
    s = day_number(_last_sunday(year, 3)) * DAY + HOUR
    e = day_number(_last_sunday(year, 10)) * DAY + HOUR
    return s, e


def exact_offset(ts):
    """UTC offset (seconds) of Europe/London at UTC instant ts."""
    y = date_of(ts // DAY).year
    s, e = _bst_bounds(y)
    return HOUR if s <= ts < e else 0


class Clock:
    """Fast formatting and conversion for a bounded range of days around the period."""

    def __init__(self, start_date, days, before=400, after=120):
        self.start_date = start_date
        self.days = days
        self.d0 = day_number(start_date)          # absolute day number of period day 0
        self.lo = self.d0 - before
        self.hi = self.d0 + days + after
        rng = range(self.lo, self.hi)
        self.datestr = [date_of(d).isoformat() for d in rng]
        self.weekday = [date_of(d).weekday() for d in rng]
        # offset at 00:00 UTC and at 01:00 UTC of each UTC day (transitions are at 01:00 UTC)
        self.off0 = [exact_offset(d * DAY) for d in rng]
        self.off1 = [exact_offset(d * DAY + HOUR) for d in rng]
        self.t0 = self.local_ts(0, 0)              # period start (local midnight), UTC
        self.t1 = self.local_ts(days, 0)           # period end (exclusive), UTC
        self.end_date = date_of(self.d0 + days - 1)

    # ---- conversions -------------------------------------------------------
    def offset(self, ts):
        d, s = divmod(ts, DAY)
        i = d - self.lo
        return self.off0[i] if s < HOUR else self.off1[i]

    def local_ts(self, k, sec):
        """UTC instant of local wall time `sec` seconds after local midnight of period day k."""
        lsec = (self.d0 + k) * DAY + sec
        u1 = lsec - HOUR
        if self.offset(u1) == HOUR:
            return u1               # BST reading (earliest in the overlap)
        if self.offset(lsec) == 0:
            return lsec             # GMT reading
        return lsec                 # in the spring gap: shift forward

    def local_day_sec(self, ts):
        """(period day index, seconds since local midnight) of a UTC instant."""
        l = ts + self.offset(ts)
        d, s = divmod(l, DAY)
        return d - self.d0, s

    def weekday_of(self, k):
        return self.weekday[self.d0 + k - self.lo]

    def date_str(self, k):
        return self.datestr[self.d0 + k - self.lo]

    # ---- formatting --------------------------------------------------------
    def _fmt(self, t, seconds=True):
        d, s = divmod(t, DAY)
        if seconds:
            return "%sT%02d:%02d:%02d" % (self.datestr[d - self.lo], s // 3600, s // 60 % 60, s % 60)
        return "%sT%02d:%02d" % (self.datestr[d - self.lo], s // 3600, s // 60 % 60)

    def fmt_z(self, ts):
        return self._fmt(ts) + "Z"

    def fmt_local(self, ts, seconds=True):
        return self._fmt(ts + self.offset(ts), seconds)

    def fmt_offset(self, ts):
        off = self.offset(ts)
        return self._fmt(ts + off) + ("+01:00" if off else "+00:00")

    def fmt_date(self, ts):
        l = ts + self.offset(ts)
        return self.datestr[l // DAY - self.lo]
