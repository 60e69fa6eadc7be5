#!/usr/bin/env python3
"""Writes tests/eval/labels.csv: a relevance grade (0-2) of every evaluation vacancy for every profile.

The grades come from the hand-written rules below over the vacancy's TITLE, its hh.ru professional role
(when the data has one) and, for two profiles, one word of its description, plus the manual corrections in
OVERRIDES found by spot checks. The scorer is not used. See README.md for the rule in words.

Usage: python3 tests/eval/make_labels.py [DATA_DIR]   (default: ../shared/data/vacancies from the repo root)
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "vacancies")


def norm(s):
    return (s or "").lower().replace("ё", "е")


def load():
    """(key, title, role ids, experience id, description) of every vacancy, keyed as cargo xtask eval keys them."""
    items = []
    for fname, prefix in [("full_2025-11_it_100.json", "it25"), ("full_2023-04_nonit_69.json", "nonit23")]:
        for v in json.load(open(os.path.join(DATA, fname), encoding="utf-8")):
            roles = [str(r["id"]) for r in v.get("professional_roles") or []]
            items.append((f"{prefix}:{v['id']}", v["name"], roles, (v.get("experience") or {}).get("id"), v.get("description") or ""))
    with open(os.path.join(DATA, "full_2022-07_mixed_346.csv"), encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            items.append((f"mixed22:{i}", row["name"], [], row["experience_id"], row["description"]))
    with open(os.path.join(DATA, "pages_2025-11_300.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            exp = {"0": "noExperience", "1": "between1And3", "3": "between3And6", "6": "moreThan6"}.get(row["exp_min_years"])
            items.append((f"pages25:{row['vacancy_id']}", row["title"], [], exp, row["description"]))
    seen = set()
    for fname in ["search_items_2026-03_109.json", "search_items_2026-03_896.json"]:
        for v in json.load(open(os.path.join(DATA, fname), encoding="utf-8")):
            key = f"cards:{v['id']}"
            if key in seen:
                continue
            seen.add(key)
            roles = [str(r["id"]) for r in v.get("professional_roles") or []]
            snippet = " ".join(filter(None, [(v.get("snippet") or {}).get("requirement"), (v.get("snippet") or {}).get("responsibility")]))
            items.append((key, v["name"], roles, (v.get("experience") or {}).get("id"), snippet))
    return items


def has(pattern, text):
    return re.search(pattern, text) is not None


DEV = r"разработ|developer|программист|backend|бэкенд|бекенд|engineer|инженер|fullstack|full[- ]?stack|фулл?стек|devops"


def python_backend(t, roles, d):
    if has(r"python|питон|pyton|django|fastapi", t) and has(DEV, t) and not has(r"тестир|qa|aqa", t):
        return 2
    if has(r"backend|бэкенд|бекенд", t) and "python" in d:
        return 2
    if has(r"1с|1c|frontend|фронт|ios|android|unity|unreal|верстальщик", t):
        return 0
    if has(r"backend|бэкенд|бекенд|fullstack|full[- ]?stack|фулл?стек|golang|go developer|go разработчик|php|node\.? ?js|java|ruby|rust|c#|\.net|data engineer|ml[- ]engineer|ml-разработчик|машинного обучения|aqa.*python|автотестировщик|python", t):
        return 1
    if has(r"^(разработчик|программист|веб-программист|web-программист|инженер-программист|разработчик it)$", t.strip()):
        return 1
    return 0


def frontend(t, roles, d):
    if has(r"frontend|front-end|фронтенд|фронтэнд|верстальщик", t) and not has(r"python|fullstack|full[- ]?stack|фулл?стек", t):
        return 2
    if has(r"fullstack|full[- ]?stack|фулл?стек|web-разработчик|веб-разработчик|веб-программист|web-программист|node\.? ?js|react native", t):
        return 1
    if has(r"backend|бэкенд|бекенд", t) and has(r"javascript|typescript", t):
        return 1
    if has(r"react|vue|angular|javascript|typescript|next\.js|nuxt|pixijs", t):
        return 2
    return 0


def qa(t, roles, d):
    if has(r"техник|мастерск|сварочн|качеству", t):
        return 0
    if has(r"тестировщ|\bqa\b|qa-|aqa|тестирован|test engineer|test lead|автотест", t) or "124" in roles:
        return 2
    if has(r"системный аналитик|бизнес-аналитик|бизнес аналитик|технический писатель|технической поддержки|техподдержк", t):
        return 1
    return 0


def devops(t, roles, d):
    if has(r"devops|\bsre\b|девопс|инженер инфраструктуры|администратор инфраструктуры|kubernetes|k8s", t):
        return 2
    if has(r"системный администратор|сисадмин|системный инженер|linux|администратор баз данных|\bdba\b|сетевой инженер|сетевой администратор|system administrator", t) or set(roles) & {"113", "114", "112"}:
        return 1
    return 0


def onec(t, roles, d):
    if has(r"1с|1c", t):
        if has(r"администратор|поддержк|тестировщ", t):
            return 1
        return 2
    if has(r"^(программист|разработчик)$", t.strip()) or has(r"битрикс|bitrix", t):
        return 1
    return 0


def data_analyst(t, roles, d):
    if has(r"аналитик данных|data analyst|bi-аналитик|bi analyst|\bbi\b|продуктовый аналитик|product analyst|аналитик dwh|маркетолог-аналитик|reporting and visualization|аналитик баз данных|аналитик.*\(bi\)", t):
        return 2
    if has(r"data scien|дата-сайентист|\bml\b|\bml-|data engineer|бизнес-аналитик|бизнес аналитик|системный аналитик|финансов.*аналитик|экономист|^аналитик|аналитик$|analyst|аналитики", t) or set(roles) & {"165", "150", "148", "10", "157", "134"}:
        return 1
    return 0


def sales_manager(t, roles, d):
    if has(r"менеджер по продажам|менеджер отдела продаж|менеджер по работе с клиентами|специалист по работе с клиентами|sales manager|account manager|business development|\bbdm\b|проектных продаж|менеджер.*продаж", t) or "70" in roles:
        return 2
    if has(r"руководитель отдела продаж|закупк|маркетолог|customer development|клиентский менеджер|менеджер проект|развитию клиентов|менеджер по работе с проектами", t) or set(roles) & {"106", "54", "66", "68"}:
        return 1
    return 0


def architect(t, roles, d):
    # Software, platform and other IT "architects" are a different profession.
    if has(r"1с|1c|data architect|devops|architect|архитектор по|архитектор решений|solution|software|enterprise|системный архитектор|архитектор команды|it-архитектор|программ|платформ|микросервис|c\+\+|с\+\+|plm|optimacros|hpc|сервиса|разработчик|embedded|security|лидер", t):
        return 0
    if has(r"\(архитектор|работ[а-я]* с архитектор|с архитекторами", t):
        return 1
    if has(r"архитектор|дизайнер интерьер|дизайнер-архитектор", t):
        return 2
    if has(r"электрон|бпла|систем управления|схемотех|микроконтрол", t):
        return 0
    if has(r"проектировщик|конструктор|\bbim\b|bim-|чертежник|проектной документации|визуализатор|промышленный дизайнер|комплектатор интерьер", t):
        return 1
    return 0


def accountant(t, roles, d):
    if has(r"бухгалтер|accountant", t) or "18" in roles:
        return 2
    if has(r"экономист|финансов(ый|ого) (аналитик|контролер|менеджер|эксперт|директор)|финансовый эксперт|аудитор|кредитный аналитик|\bналог|казначей|регламентированному уч|управленческ[а-я]* уч", t) or set(roles) & {"142", "136", "137", "134", "16"}:
        return 1
    return 0


def sysadmin(t, roles, d):
    if has(r"компьютерного клуба", t):
        return 0
    if has(r"системный администратор|сисадмин|system administrator|ит-специалист|it-специалист|специалист по it|ит-инженер|it-инженер|эникейщик|сетевой администратор|администратор сети|помощник системного администратора|специалист it отдела|it-специалист|ит-администратор", t) or "113" in roles:
        return 2
    if has(r"технической поддержк|техподдержк|helpdesk|хелпдеск|сетевой инженер|devops|системный инженер|эксплуатации сети|администратор баз данных|\bdba\b|информационной безопасност|инженер сопровождения", t) or set(roles) & {"121", "112", "114", "160", "116"}:
        return 1
    return 0


# profile -> (rule, total experience in months, as in profiles/*.json)
PROFILES = {
    "python_backend": (python_backend, 48),
    "frontend": (frontend, 36),
    "qa": (qa, 30),
    "devops": (devops, 60),
    "onec": (onec, 48),
    "data_analyst": (data_analyst, 30),
    "sales_manager": (sales_manager, 48),
    "architect": (architect, 36),
    "accountant": (accountant, 72),
    "sysadmin": (sysadmin, 48),
}

# Manual corrections from spot checks: (profile, vacancy key) -> grade.
OVERRIDES = {}


def grade(profile, title, roles, exp, description):
    rule, months = PROFILES[profile]
    t = norm(title)
    g = rule(t, roles, norm(description))
    # Seniority: a trainee or assistant job is a step down for someone with 2+ years; a 6+ years job is a
    # step up for someone with less than 5.
    if g > 0 and months >= 24 and has(r"стажер|стажировк|intern|trainee|помощник|ассистент|ученик", t):
        g -= 1
    if g > 0 and exp == "moreThan6" and months < 60:
        g -= 1
    return g


def main():
    items = load()
    out = os.path.join(HERE, "labels.csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["profile", "vacancy_key", "grade"])
        for profile in PROFILES:
            for key, title, roles, exp, desc in items:
                g = OVERRIDES.get((profile, key), grade(profile, title, roles, exp, desc))
                w.writerow([profile, key, g])
    counts = {}
    for profile in PROFILES:
        for key, title, roles, exp, desc in items:
            g = OVERRIDES.get((profile, key), grade(profile, title, roles, exp, desc))
            counts.setdefault(profile, [0, 0, 0])[g] += 1
    for p, c in counts.items():
        print(f"{p:15} 0:{c[0]:5} 1:{c[1]:4} 2:{c[2]:4}")
    print(f"{len(items)} vacancies -> {out}")


if __name__ == "__main__":
    main()
