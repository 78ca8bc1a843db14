"""Shared helpers: UK time zone arithmetic, fast timestamp formatting, names.

All internal times are Unix seconds (UTC).  Two output styles exist:
  fmt_z(ts)      -> '2025-09-01T07:03:11Z'   (exact, UTC)
  fmt_local(ts)  -> '2025-09-01T08:03:11'    (Europe/London wall clock, no offset)
The UK rule (BST from the last Sunday of March 01:00 UTC to the last Sunday of
October 01:00 UTC) is coded by hand so no tz database is needed.
"""
import calendar
import datetime as dt

DAY = 86400
HOUR = 3600
MIN = 60

_BST = {}


def _last_sunday(year, month):
    d = dt.date(year, month, calendar.monthrange(year, month)[1])
    return d - dt.timedelta(days=(d.weekday() - 6) % 7)


def bst_bounds(year):
    b = _BST.get(year)
    if b is None:
        s = calendar.timegm(_last_sunday(year, 3).timetuple()) + HOUR
        e = calendar.timegm(_last_sunday(year, 10).timetuple()) + HOUR
        b = _BST[year] = (s, e)
    return b


def _year_of(ts):
    return dt.datetime.utcfromtimestamp(ts).year


def utc_offset(ts):
    s, e = bst_bounds(_year_of(ts))
    return HOUR if s <= ts < e else 0


def local_naive(d, hour=0.0):
    """Naive local seconds (as if the wall clock were UTC) for a date + hours."""
    return calendar.timegm(d.timetuple()) + int(round(hour * HOUR))


def local_to_utc(naive):
    """Wall-clock seconds -> UTC.  Gap: shift forward; overlap: earliest (BST)."""
    s, e = bst_bounds(_year_of(naive))
    if s + HOUR <= naive < e + HOUR:
        return naive - HOUR
    return naive


def local_dt_utc(d, hour=0.0):
    return local_to_utc(local_naive(d, hour))


def date_of(ts):
    return dt.datetime.utcfromtimestamp(ts).date()


def local_date_of(ts):
    return dt.datetime.utcfromtimestamp(ts + utc_offset(ts)).date()


def local_hour(ts):
    """Local hour of day as float."""
    t = ts + utc_offset(ts)
    return (t % DAY) / HOUR


# ---- fast formatting -------------------------------------------------------
_TOD = None
_DAYS = {}


def _tod():
    global _TOD
    if _TOD is None:
        _TOD = [f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in range(DAY)]
    return _TOD


def _daystr(n):
    v = _DAYS.get(n)
    if v is None:
        v = _DAYS[n] = (dt.date(1970, 1, 1) + dt.timedelta(days=n)).isoformat()
    return v


def fmt_z(ts):
    d, s = divmod(ts, DAY)
    return _daystr(d) + "T" + _tod()[s] + "Z"


def fmt_local(ts):
    t = ts + utc_offset(ts)
    d, s = divmod(t, DAY)
    return _daystr(d) + "T" + _tod()[s]


def fmt_local_min(ts):
    """Local time to the minute, as rosters are kept."""
    return fmt_local(ts)[:16]


class LocalFormatter:
    """fmt_local specialised for one period: avoids the year lookup per call."""

    def __init__(self, t0, t1):
        self.bounds = []
        for y in range(_year_of(t0) - 1, _year_of(t1) + 2):
            self.bounds.append(bst_bounds(y))
        self.tod = _tod()

    def __call__(self, ts):
        off = 0
        for s, e in self.bounds:
            if s <= ts < e:
                off = HOUR
                break
        d, s = divmod(ts + off, DAY)
        return _daystr(d) + "T" + self.tod[s]


# ---- random helpers --------------------------------------------------------
def wchoice(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def poisson(rng, lam):
    """Small-lambda Poisson by inversion, normal approx for large lambda."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, int(round(rng.gauss(lam, lam ** 0.5))))
    import math
    L = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= L:
            return k
        k += 1


# ---- names -----------------------------------------------------------------
FEMALE = ("OLIVIA AMELIA ISLA AVA EMILY SOPHIE GRACE MIA POPPY ELLA LILY JESSICA CHLOE "
          "EVIE SOPHIA RUBY DAISY ISABELLA HANNAH AMY LAUREN LEAH JADE KAYLEIGH CHANTELLE "
          "SAMANTHA REBECCA NATALIE DANIELLE STACEY GEMMA KERRY LISA CLAIRE NICOLA SARAH "
          "EMMA LOUISE AMINA FATIMA AISHA ZARA PRIYA SIMRAN NADIA AGNIESZKA OLENA BIANCA "
          "TIA COURTNEY SHANNON MOLLY MEGAN KATIE HOLLIE ABBIE JASMINE SIENNA MAISIE").split()
MALE = ("OLIVER JACK HARRY GEORGE NOAH CHARLIE JACOB THOMAS OSCAR WILLIAM JAMES LEO "
        "JOSHUA DANIEL LIAM RYAN CONNOR KYLE JORDAN LEWIS DEAN CRAIG LEE SCOTT MARK "
        "PAUL DARREN GARY STEVEN WAYNE JAMIE CALLUM MOHAMMED ADAM ALI HASSAN KAMRAN "
        "TOMASZ PIOTR ANDREI DMITRI KWAME TYRONE REECE ASHLEY LUKE MATTHEW KIERAN "
        "BRADLEY NATHAN SEAN IAN NEIL STUART").split()
SURNAMES = ("SMITH JONES WILLIAMS TAYLOR BROWN DAVIES EVANS WILSON THOMAS JOHNSON ROBERTS "
            "ROBINSON THOMPSON WRIGHT WALKER WHITE EDWARDS HUGHES GREEN HALL LEWIS HARRIS "
            "CLARKE PATEL JACKSON WOOD TURNER MARTIN COOPER HILL WARD MORRIS MOORE CLARK "
            "LEE KING BAKER HARRISON MORGAN ALLEN JAMES SCOTT PHILLIPS WATSON DAVIS PARKER "
            "PRICE BENNETT YOUNG GRIFFITHS MITCHELL KELLY COOK CARTER RICHARDSON BAILEY "
            "COLLINS BELL SHAW MURPHY MILLER COX RICHARDS KHAN MARSHALL ANDERSON SIMPSON "
            "ELLIS ADAMS SINGH BEGUM WILKINSON FOSTER CHAPMAN POWELL WEBB ROGERS GRAY MASON "
            "ALI HUSSAIN AHMED NOWAK KOWALSKI OKAFOR MENSAH ADEYEMI CAMPBELL STEWART REID "
            "MURRAY DOYLE BYRNE QUINN MCDONALD FRASER HUNT HOLMES LLOYD").split()
STREETS = ("MILL LANE,STATION ROAD,CHURCH STREET,HIGH STREET,VICTORIA ROAD,PARK AVENUE,"
           "QUEENS ROAD,KINGS ROAD,NEW STREET,GROVE ROAD,WHARF STREET,DOCK ROAD,CANAL SIDE,"
           "NORTHGATE,EASTFIELD ROAD,WESTBURY AVENUE,ALBERT STREET,CHAPEL ROW,SPRING GARDENS,"
           "HARBOUR WAY,TOWER COURT,FOUNDRY LANE,RAILWAY TERRACE,MARKET STREET").split(",")


def title(s):
    return s[:1] + s[1:].lower()
