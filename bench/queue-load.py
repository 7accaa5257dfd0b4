#!/usr/bin/env python3
"""100 clients queue a run each at once against a running dashboard; prints the latencies.

    .build/release/sarhad serve --data /tmp/sarhad-load --port 18080 &
    python3 bench/queue-load.py
(docs/PERFORMANCE.md, "Queueing under load"). Standard library only.
"""
import json, time, threading, urllib.request, statistics
base="http://127.0.0.1:18080"
def req(method, path, body=None, ctype="application/json"):
    r=urllib.request.Request(base+path, data=body, method=method, headers={"Content-Type":ctype,"Host":"127.0.0.1:18080"})
    with urllib.request.urlopen(r, timeout=60) as resp: return resp.status, resp.read()
st, b = req("POST","/api/v1/scenarios", b'[scenario]\nname = "load test"\n', "application/toml")
sid=json.loads(b)["id"]
lat=[]; errs=[]
def one(i):
    t=time.perf_counter()
    try:
        s,_=req("POST","/api/v1/runs", json.dumps({"scenario_id":sid,"seed":i+1,"population_scale":0.0005,"end_date":"2020-02-15"}).encode())
        lat.append(time.perf_counter()-t)
        if s!=201 and s!=202: errs.append(s)
    except Exception as e: errs.append(str(e))
ths=[threading.Thread(target=one,args=(i,)) for i in range(100)]
t0=time.perf_counter()
for t in ths: t.start()
for t in ths: t.join()
lat.sort()
print("n",len(lat),"errors",errs[:3],"median %.3f s, p90 %.3f, max %.3f, wall %.2f"%(statistics.median(lat),lat[int(.9*len(lat))],lat[-1],time.perf_counter()-t0))
# sequential
seq=[]
for i in range(20):
    t=time.perf_counter(); req("POST","/api/v1/runs", json.dumps({"scenario_id":sid,"seed":1000+i,"population_scale":0.0005,"end_date":"2020-02-15"}).encode()); seq.append(time.perf_counter()-t)
print("sequential median %.4f s"%statistics.median(seq))
