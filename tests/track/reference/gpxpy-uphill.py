# gpxpy 1.5.0 uphill per track of each GPX file given (Debian: apt install python3-gpxpy). Used to write tests/track/elevation.test.ts.
import sys, gpxpy
for f in sys.argv[1:]:
    try:
        g = gpxpy.parse(open(f, encoding='utf-8', errors='replace'))
    except Exception as e:
        print(f, 'ERR', type(e).__name__); continue
    for ti, t in enumerate(g.tracks):
        segs = [s.get_uphill_downhill() for s in t.segments]
        up = sum(s[0] for s in segs); down = sum(s[1] for s in segs)
        n = sum(len(s.points) for s in t.segments); ne = sum(1 for s in t.segments for p in s.points if p.elevation is not None)
        print(f"{f}\t{ti+1}\t{n}\t{ne}\t{up:.1f}\t{down:.1f}")
