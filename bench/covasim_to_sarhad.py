#!/usr/bin/env python3
"""Write the Sarhad scenario (TOML) that approximates Covasim's default hybrid epidemic.

Run it with the Python of the benchmark's virtual environment: it imports the installed Covasim
and reads Covasim's own default parameters from it (durations, prognoses by age, susceptibility,
asymptomatic infectiousness, the default age distribution, the household cluster size), so the
mapping follows the Covasim version that is installed rather than numbers copied by hand.

    python bench/covasim_to_sarhad.py --agents 1000000 --seeds 20 --r0 2.4 \
        --sarhad-defaults <(sarhad scenario show) > covasim-equivalent.toml

--sarhad-defaults is the output of `sarhad scenario show`; it supplies the province names and
their population shares (used to spread the seeded infections). The mapping, and what cannot be
mapped, is documented in docs/COVASIM-COMPARISON.md.
"""

import argparse
import datetime as dt
import math
import os
import sys
import tomllib

os.environ.setdefault("COVASIM_VERBOSE", "0")  # no licence banner on stdout
import covasim as cv  # noqa: E402

SARHAD_BANDS = 16  # 0–4, 5–9, …, 70–74, 75+

# Covasim duration name → Sarhad [disease] key prefix.
DURATIONS = {
    "exp2inf": "latent",
    "inf2sym": "presymptomatic",
    "asym2rec": "asymptomatic",
    "mild2rec": "mild_to_recovery",
    "sym2sev": "onset_to_severe",
    "sev2crit": "severe_to_critical",
    "sev2rec": "severe_to_recovery",
    "crit2rec": "critical_to_recovery",
    "crit2die": "critical_to_death",
}


def covasim_age_weights():
    """Covasim's default age distribution (Seattle 2018) as weights per single year of age 0–99."""
    weights = [0.0] * 100
    for low, high, share in cv.defaults.default_age_data:
        years = range(int(low), int(high) + 1)
        for year in years:
            weights[year] += float(share) / len(years)
    return weights


def band_weights(weights):
    """Covasim's age weights summed into Sarhad's 16 bands."""
    bands = [0.0] * SARHAD_BANDS
    for year, weight in enumerate(weights):
        bands[min(year // 5, SARHAD_BANDS - 1)] += weight
    return bands


def prognoses_by_band(weights):
    """Covasim's prognoses (by decade, up to 90+) as Sarhad's conditional probabilities by band.

    Within a band, absolute probabilities are averaged over the single years of age with
    Covasim's default age weights, then turned into conditional ones, so that the 75+ band gets
    the mix of Covasim's 70–79, 80–89 and 90+ values that Covasim's own population would have.
    """
    prog = cv.parameters.absolute_prognoses(cv.parameters.get_prognoses(by_age=True))
    cutoffs = [int(c) for c in prog["age_cutoffs"]]

    def index(year):
        return max(i for i, c in enumerate(cutoffs) if c <= year)

    keys = ["symp_probs", "severe_probs", "crit_probs", "death_probs", "sus_ORs", "trans_ORs"]
    sums = [{k: 0.0 for k in keys} for _ in range(SARHAD_BANDS)]
    totals = [0.0] * SARHAD_BANDS
    for year, weight in enumerate(weights):
        band = min(year // 5, SARHAD_BANDS - 1)
        totals[band] += weight
        for k in keys:
            sums[band][k] += weight * float(prog[k][index(year)])
    mean = [{k: s[k] / t for k in keys} for s, t in zip(sums, totals)]
    return dict(
        symptomatic_probability=[m["symp_probs"] for m in mean],
        severe_given_symptomatic=[m["severe_probs"] / m["symp_probs"] for m in mean],
        critical_given_severe=[m["crit_probs"] / m["severe_probs"] for m in mean],
        death_given_critical_with_care=[m["death_probs"] / m["crit_probs"] for m in mean],
        relative_susceptibility=[m["sus_ORs"] for m in mean],
        trans_ORs=[m["trans_ORs"] for m in mean],
    )


def household_size_shares(cluster_size, largest=20):
    """Covasim's hybrid households: cluster sizes ~ Poisson(contacts['h']), empty clusters dropped.

    Returned as % of households of size 1 … largest (the rest of the tail is below 1e-9 % for
    Covasim's default of 2).
    """
    lam = cluster_size
    p0 = math.exp(-lam)
    shares = [math.exp(-lam) * lam**k / math.factorial(k) / (1 - p0) * 100 for k in range(1, largest + 1)]
    return shares


def largest_remainder(total, weights):
    """Split an integer total in proportion to weights (Hamilton's method)."""
    s = sum(weights)
    exact = [total * w / s for w in weights]
    counts = [math.floor(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def fmt_list(values):
    return "[" + ", ".join(f"{v:.10g}" for v in values) + "]"


def quote(name):
    return name if name.replace("_", "").replace("-", "").isalnum() and " " not in name else f'"{name}"'


def fmt_provinces(names, value):
    return "{ " + ", ".join(f"{quote(n)} = {value}" for n in names) + " }"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", type=int, required=True, help="Sarhad agents (= population.total, scale 1)")
    parser.add_argument("--seeds", type=int, default=20, help="infections on day 0 (Covasim pop_infected)")
    parser.add_argument("--days", type=int, default=180, help="Covasim n_days; Sarhad simulates days 0 … n_days")
    parser.add_argument("--start", default="2020-03-01", help="start date (Covasim's default start_day)")
    parser.add_argument("--r0", type=float, required=True, help="Sarhad disease.r0 (calibrated, see the doc)")
    parser.add_argument("--outside-province-share", type=float, default=None,
                        help="Sarhad mobility.outside_province_share with distance_exponent 0 (e.g. 0.95 for "
                             "near-national mixing, as in Covasim's random layers); default: Sarhad's own mobility")
    parser.add_argument("--sarhad-defaults", required=True, help="output of `sarhad scenario show`")
    args = parser.parse_args()

    with open(args.sarhad_defaults, "rb") as f:
        defaults = tomllib.load(f)
    # Province names and population shares: the IDP spread is "proportional to population" in the
    # built-in scenario, so its weights are the province shares.
    shares = defaults["settings"]["idp_province_weights"]
    provinces = list(shares.keys())

    pars = cv.make_pars(pop_type="hybrid")
    weights = covasim_age_weights()
    ages = band_weights(weights)
    prog = prognoses_by_band(weights)
    if any(abs(t - 1) > 1e-12 for t in prog["trans_ORs"]):
        sys.exit("Covasim trans_ORs are not all 1: Sarhad has no relative infectiousness by age")

    start = dt.date.fromisoformat(args.start)
    end = start + dt.timedelta(days=args.days)  # Covasim's n_days = D simulates days 0 … D
    seeds = largest_remainder(args.seeds, [shares[p] for p in provinces])

    out = []
    w = out.append
    w(f"# Sarhad scenario approximating Covasim {cv.__version__}'s default epidemic (pop_type='hybrid').")
    w("# Generated by bench/covasim_to_sarhad.py from the installed Covasim's defaults; see")
    w("# docs/COVASIM-COMPARISON.md for the mapping and what cannot be mapped.")
    w(f"# covasim_to_sarhad.py --agents {args.agents} --seeds {args.seeds} --days {args.days} "
      f"--start {args.start} --r0 {args.r0:g}"
      + ("" if args.outside_province_share is None else f" --outside-province-share {args.outside_province_share:g}"))
    w("")
    w("[scenario]")
    w(f'name = "Covasim {cv.__version__} default epidemic, {args.agents:,} agents"')
    w(f"start = {start.isoformat()}  # Covasim start_day")
    w(f"end = {end.isoformat()}  # start + n_days: Covasim runs days 0 … n_days")
    w("population_scale = 1.0  # every agent one person; the size is population.total")
    w("replace_timeline = true  # no events: no school closure, lockdown or test capacity")
    w("")
    w("[population]")
    w(f"total = {args.agents}.0")
    w("# Covasim default_age_data (Seattle 2018), 75+ summed")
    w(f"age_shares = {fmt_list([a / sum(ages) for a in ages])}")
    w(f"# Covasim hybrid households: Poisson({pars['contacts']['h']:g}) cluster sizes, empty clusters dropped")
    w(f"household_size_shares = {fmt_list(household_size_shares(pars['contacts']['h']))}")
    w("")
    w("[settings]  # Covasim has no IDP settlements, prisons or health-facility layer")
    w("idp_settlement_residents = 0.0")
    w("prisoners = 0.0")
    w(f"health_workers_per_1000 = {fmt_provinces(provinces, 0.0)}")
    w("")
    w("[disease]")
    w(f"r0 = {args.r0:g}  # calibrated so that attack rate and peak day agree with Covasim's beta = {pars['beta']:g}")
    for ckey, skey in DURATIONS.items():
        d = pars["dur"][ckey]
        if d["dist"] != "lognormal_int":
            sys.exit(f"Covasim dur[{ckey}] is {d['dist']}, not lognormal_int")
        w(f"{skey}_mean_days = {d['par1']:g}  # Covasim dur['{ckey}'] lognormal_int mean")
        w(f"{skey}_sd_days = {d['par2']:g}")
    w("# Covasim prognoses (absolute by decade → conditional by five-year band, 75+ weighted by Covasim's ages)")
    for key in ["symptomatic_probability", "severe_given_symptomatic", "critical_given_severe",
                "death_given_critical_with_care", "relative_susceptibility"]:
        w(f"{key} = {fmt_list(prog[key])}")
    w("# Covasim has no bed or ICU limit by default; these only matter if beds ran out")
    w("death_severe_without_bed = 0.0")
    w("death_critical_without_icu = 0.0")
    w(f"relative_infectiousness_asymptomatic = {pars['asymp_factor']:g}  # Covasim asymp_factor")
    w("relative_infectiousness_presymptomatic = 1.0  # Covasim: infectious from the end of exp2inf at full beta")
    w("")
    if args.outside_province_share is not None:
        w("[mobility]  # Covasim's random school/work/community layers are national: mix across provinces")
        w(f"outside_province_share = {args.outside_province_share:g}")
        w("distance_exponent = 0.0")
        w("destination_population_exponent = 1.0")
        w("")
    # else: Sarhad's own gravity mobility (3 % of work and community contacts outside the province);
    # the seeds are spread over the provinces, so every province's epidemic starts on day 0.
    w("[importation]  # no returnees: a closed epidemic seeded on day 0 (Covasim n_imports = 0)")
    w("arrivals = []")
    w("arrivals_per_day_after_data = 0.0")
    w(f'source = {{ mode = "curve", curve = [{{ date = {start.isoformat()}, prevalence = 0.0 }}] }}')
    w("")
    w("[border]")
    w("open = false")
    w("")
    w("[health]  # Covasim n_beds_hosp = n_beds_icu = None: no capacity limit")
    w(f"beds = {fmt_provinces(provinces, 10000000.0)}")
    w(f"icu = {fmt_provinces(provinces, 10000000.0)}")
    w("")
    w("[observation]  # Covasim's default sim has no testing, so nobody is confirmed or isolated")
    w("test_seeking_mild = 0.0")
    w("test_seeking_severe = 0.0")
    w("test_seeking_critical = 0.0")
    w("background_test_seekers_per_100k = 0.0")
    w("initial_tests_per_day = 0.0")
    w("isolation_of_confirmed = 0.0")
    w("")
    w(f"# Covasim pop_infected = {args.seeds}: spread over provinces in proportion to population")
    for province, count in zip(provinces, seeds):
        if count > 0:
            w("[[importation.seeds]]")
            w(f'date = {start.isoformat()}')
            w(f'province = "{province}"')
            w(f"count = {count}")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
