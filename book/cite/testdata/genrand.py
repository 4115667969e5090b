#!/usr/bin/env python3
"""Makes a random reference set and citations for the golden tests.

    python3 book/cite/testdata/genrand.py SEED   # writes randSEED.json and randSEED-cites.txt

60 references, of the eight types the companion uses, with fields present or
not at random, from the same pools as rand1-rand6 (which were made the same
way before this script was kept): so the sets differ in their combinations,
not in their vocabulary, and a mismatch is a processor bug, not a new shape.
Then make the goldens with the commands at the top of golden_test.go.
"""
import json
import os
import random
import sys

FAMILIES = ["Adler", "Baker", "Castro", "Dunn", "Evans", "Fischer", "Garcia", "Hughes",
            "Ito", "Jensen", "Khan", "Lopez", "Murphy", "Nakamura", "Olsen", "Patel"]
GIVENS = ["Alice", "Bruno", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro",
          "Ines", "Jonas", "Kira", "Liam", "Mei", "Noah"]
ORGS = ["BBC News", "National Trust", "The Editors"]
TITLES = ["Art as Evidence: The Gallery in Fiction", "Clones, Care, and Community",
          "Hailsham and the English Pastoral", "Kathy H. as Narrator", "Memory's Hidden Costs",
          "Never Let Me Go and the Ethics of Narrative", "On Being Told and Not Told",
          "The Cottages: An Interlude", "What Remains? Reading Ishiguro",
          "a theory of the donor", "the politics of memory"]
PERIODICALS = ["Critique: Studies in Contemporary Fiction", "Literature and Medicine",
               "Modern Fiction Studies", "The Atlantic", "The Guardian",
               "The New York Review of Books", "The New Yorker", "journal of narrative theory"]
BOOKS = ["Kazuo Ishiguro: New Critical Visions", "Reading the Contemporary Novel",
         "The Cambridge Companion to Ishiguro"]
SITES = ["BBC Culture", "LitHub", "Poetry Foundation"]
PUBLISHERS = ["Bloomsbury Academic", "Faber and Faber", "Oxford University Press", "Routledge", "Vintage"]
STUDIOS = ["DNA Films", "Fox Searchlight"]
PLACES = ["Abingdon", "London", "New York", "Oxford"]
EDITIONS = ["2", "3", "4th", "Revised"]
PAGES = ["1-15", "1-20", "1001-1019", "101-118", "12-13", "12-30", "233-251", "245-9", "45", "88", "B3"]
TYPES = ["article-journal", "article-magazine", "article-newspaper", "book", "chapter",
         "interview", "motion_picture", "webpage"]
LOCATORS = ["", "12", "para. 4", "pp. 3-9", "ch. 2"]


def main():
    seed = int(sys.argv[1])
    rnd = random.Random(seed)

    def p(x):
        return rnd.random() < x

    def person():
        n = {"family": rnd.choice(FAMILIES),
             "given": rnd.choice(GIVENS) + rnd.choice(["", "", " J.", " Marie"])}
        if p(0.08):
            n["non-dropping-particle"] = rnd.choice(["de", "van", "von"])
        if p(0.04):
            n["suffix"] = "Jr."
        return n

    def names(counts, org=0.03):
        return [{"literal": rnd.choice(ORGS)} if p(org) else person()
                for _ in range(rnd.choice(counts))]

    def date(parts=(1, 2, 3)):
        n = rnd.choice(parts)
        d = [rnd.randint(1950, 2024), rnd.randint(1, 12), rnd.randint(1, 28)][:n]
        return {"date-parts": [d]}

    refs = []
    for i in range(60):
        t = rnd.choice(TYPES)
        r = {"id": "r%d" % i, "type": t, "title": rnd.choice(TITLES)}
        if t != "motion_picture" and p(0.85):
            r["author"] = names([1, 1, 2, 2, 3, 4, 6])
        if p(0.85):
            r["issued"] = date()
        if t in ("book", "chapter"):
            r["publisher"] = rnd.choice(PUBLISHERS)
            if p(0.6):
                r["publisher-place"] = rnd.choice(PLACES)
            if p(0.3):
                r["edition"] = rnd.choice(EDITIONS)
            if p(0.3):
                r["editor"] = names([1, 2, 3])
            if p(0.12):
                r["translator"] = names([1])
            if t == "chapter":
                r["container-title"] = rnd.choice(BOOKS)
                if p(0.85):
                    r["page"] = rnd.choice(PAGES)
        elif t.startswith("article-"):
            r["container-title"] = rnd.choice(PERIODICALS)
            if p(0.6):
                r["volume"] = str(rnd.randint(1, 120))
            if p(0.5):
                r["issue"] = str(rnd.randint(1, 12))
            if p(0.7):
                r["page"] = rnd.choice(PAGES)
            if p(0.3):
                r["DOI"] = "10.1000/j.%d" % i
            if t != "article-journal" and p(0.55):
                r["URL"] = "https://example.org/%s/%d" % (t, i)
                if p(0.4):
                    r["accessed"] = date((3,))
        elif t == "webpage":
            if p(0.6):
                r["container-title"] = rnd.choice(SITES)
            if p(0.55):
                r["URL"] = "https://example.org/webpage/%d" % i
            if p(0.25):
                r["accessed"] = date((3,))
        elif t == "interview":
            if p(0.8):
                r["interviewer"] = names([1], org=0.1)
            if p(0.65):
                r["container-title"] = rnd.choice(PERIODICALS)
            if p(0.55):
                r["URL"] = "https://example.org/interview/%d" % i
                if p(0.4):
                    r["accessed"] = date((3,))
        elif t == "motion_picture":
            r["director"] = names([1, 1, 2], org=0.07)
            r["publisher"] = rnd.choice(STUDIOS)
            if p(0.15):
                r["medium"] = "DVD"
        refs.append(r)

    cites = []
    for i in range(0, 60, 2):
        loc = rnd.choice(LOCATORS)
        cites.append(("-" if p(0.2) else "") + "@r%d" % i + (", " + loc if loc else ""))
    cites.append("@r1; @r3; @r5")
    cites.append("@r7, 4; @r9, 5")

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "rand%d.json" % seed), "w") as f:
        json.dump(refs, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(here, "rand%d-cites.txt" % seed), "w") as f:
        f.write("\n".join(cites) + "\n")


if __name__ == "__main__":
    main()
