#!/usr/bin/env python3
"""Run one Covasim simulation for the Sarhad comparison benchmark and print a JSON line.

Covasim is not part of this repository: bench/compare-covasim.sh installs it from PyPI into a
virtual environment and runs this file with that environment's Python.

The simulation is Covasim's default epidemic with the hybrid population (household, school,
work and community layers), seeded with --seeds infections on day 0, with no interventions:

    cv.Sim(pop_size=N, pop_scale=S, rescale=True, n_days=D, pop_type='hybrid',
           pop_infected=SEEDS, rand_seed=SEED, use_waning=False, verbose=0)

use_waning=False (here the default; --waning on restores Covasim 3's default of True) gives lasting
immunity after infection, as in Sarhad: with waning, Covasim reinfects about a fifth of its
population within 180 days, which Sarhad cannot model.

With --pop-scale above 1 this is Covasim's documented way to simulate a population larger than
the agents it holds: each agent stands for S people, and with `rescale=True` (Covasim's default)
the run starts at one person per agent and scales up in steps of `rescale_factor` whenever more
than `rescale_threshold` of the agents have been infected, until it reaches S.

Printed (one JSON object on stdout): the Covasim version, the parameters, the attack rate
(people ever infected / people represented; reinfections are not counted twice), the peak day
and height of `n_infectious` and of `new_infections` (day 0 = the start day), deaths, and the
wall time of building the population and of running the days, measured inside the process.
"""

import argparse
import datetime as dt
import json
import os
import sys
import time

os.environ.setdefault("COVASIM_VERBOSE", "0")  # no licence banner on stdout

t_process = time.perf_counter()
import covasim as cv  # noqa: E402  (imported after the clock starts: the import takes seconds)
import numpy as np  # noqa: E402

t_imported = time.perf_counter()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pop-size", type=int, required=True, help="agents (Covasim pop_size)")
    parser.add_argument("--pop-scale", type=float, default=1.0, help="people per agent (Covasim pop_scale)")
    parser.add_argument("--days", type=int, default=180, help="Covasim n_days")
    parser.add_argument("--seeds", type=int, default=20, help="infections on day 0 (Covasim pop_infected)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (Covasim rand_seed)")
    parser.add_argument("--beta", type=float, default=None, help="override Covasim's beta (default: Covasim's own, 0.016)")
    parser.add_argument("--waning", choices=["on", "off"], default="off",
                        help="Covasim use_waning: 'on' is Covasim 3's default (waning immunity, reinfections); "
                             "'off' (default here) gives lasting immunity, as in Sarhad")
    args = parser.parse_args()

    pars = dict(
        pop_size=args.pop_size,
        pop_scale=args.pop_scale,
        rescale=True,
        n_days=args.days,
        pop_type="hybrid",
        pop_infected=args.seeds,
        rand_seed=args.seed,
        verbose=0,
        use_waning=args.waning == "on",
    )
    if args.beta is not None:
        pars["beta"] = args.beta

    sim = cv.Sim(**pars)
    t0 = time.perf_counter()
    sim.initialize()  # builds the hybrid population and its contact layers
    t1 = time.perf_counter()
    sim.run()
    t2 = time.perf_counter()

    r = sim.results
    people = args.pop_size * args.pop_scale
    values = lambda key: np.asarray(getattr(r[key], "values", r[key]), dtype=float)  # noqa: E731
    reinfections = float(values("cum_reinfections")[-1]) if "cum_reinfections" in r else 0.0
    ever_infected = float(values("cum_infections")[-1]) - reinfections
    infectious = values("n_infectious")
    new_infections = values("new_infections")
    start = dt.date.fromisoformat(str(sim["start_day"])[:10])
    peak_infectious_day = int(infectious.argmax())
    peak_new_day = int(new_infections.argmax())

    out = dict(
        model="covasim",
        version=cv.__version__,
        pop_size=args.pop_size,
        pop_scale=args.pop_scale,
        people=people,
        days=args.days,
        seeds=args.seeds,
        rand_seed=args.seed,
        beta=sim["beta"],
        use_waning=sim["use_waning"],
        attack_rate=ever_infected / people,
        infections=ever_infected,
        reinfections=reinfections,
        deaths=float(values("cum_deaths")[-1]),
        peak_infectious_day=peak_infectious_day,
        peak_infectious_date=(start + dt.timedelta(days=peak_infectious_day)).isoformat(),
        peak_infectious=float(infectious[peak_infectious_day]),
        peak_new_infections_day=peak_new_day,
        peak_new_infections=float(new_infections[peak_new_day]),
        final_scale=float(np.asarray(sim.rescale_vec)[-1]),
        seconds_import=t_imported - t_process,
        seconds_population=t1 - t0,
        seconds_days=t2 - t1,
        seconds_in_process=t2 - t_process,
    )
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
