#!/usr/bin/env python3
"""Writes a representative subset of the catalogue as Tavern tests (for Scripts/benchmark).

Each Tavern test does what the matching catalogue case does against the same simulator: arrange the
given state as owner, send the step, check the status and the same envelope fields (message, the
Portuguese mirrors, error flags, exception code), then prove the state with one more call, as the
runner's state check does. Tokens come from the global configuration, fetched once per identity, as
the runner fetches them once per run.

usage: tavern_cases.py CASES_DIR PROFILE OUT_DIR SECRET MISSING_ID
"""
import json
import os
import sys

SUBSET = [
    "auth.token-issued", "auth.token-wrong-secret",
    "activate.success", "activate.already-active", "activate.not-found", "activate.no-access",
    "activate.invalid-token", "activate.no-token",
    "deactivate.success", "deactivate.already-inactive", "deactivate.not-found", "deactivate.no-access",
    "deactivate.invalid-token", "deactivate.no-token",
]


def profile_messages(cases_dir, profile):
    data = json.load(open(os.path.join(cases_dir, "profiles", profile + ".json")))
    messages = {}
    if data.get("inherits"):
        messages.update(profile_messages(cases_dir, data["inherits"]))
    messages.update(data.get("messages", {}))
    return messages


def call(operation, secret, token, name):
    headers = {"Accept": "application/json"}
    if token is not None:
        headers["Authorization"] = "Bearer " + token
    return {"name": name, "request": {"url": "{base}/api/mysafe/secretapi/%s/%s" % (operation, secret), "method": "POST", "headers": headers}}


def success(message, status=200):
    return {"code": status, "response": {"status": status, "message": message, "mensagem": message,
                                         "error": False, "erro": False, "error_code": 0, "cod_erro": 0}}


def failure(message, code):
    return {"code": 400, "response": {"status": 400, "message": message, "mensagem": message, "error": True, "erro": True},
            "exception": {"code": code}}


def tests(messages, secret, missing):
    owner, outsider = "{owner_token}", "{outsider_token}"
    forged = "forged.eyJzdWIiOiJub2JvZHkifQ.c2lnbmF0dXJl"
    gateway = {"message": "No route matched with those values."}
    operations = {"activate": ("active", "inactive", "activate.success", "activate.alreadyActive"),
                  "deactivate": ("inactive", "active", "deactivate.success", "deactivate.alreadyInactive")}

    def token_request(name, client_id, client_secret):
        return {"name": name, "request": {"url": "{base}{token_path}", "method": "POST",
                                          "data": {"grant_type": "client_credentials", "client_id": client_id, "client_secret": client_secret}}}

    stage = token_request("request a token", "{owner_id}", "{owner_secret}")
    stage["response"] = {"status_code": 200, "json": {"token_type": "Bearer"}}
    yield "auth.token-issued", [stage]
    stage = token_request("request a token with a wrong client secret", "{owner_id}", "wrong-{owner_secret}")
    stage["response"] = {"status_code": [400, 401]}
    yield "auth.token-wrong-secret", [stage]

    reach = {"active": "active", "inactive": "inactive"}
    proof = {"active": "activate.alreadyActive", "inactive": "deactivate.alreadyInactive"}
    for group, (op, other, success_key, already_key) in operations.items():
        given = "inactive" if op == "active" else "active"  # the state the success case starts from
        already = messages[already_key]

        def arrange(state):
            stage = call(reach[state], secret, owner, "arrange " + state)
            stage["response"] = {"status_code": 200}
            return stage

        def prove(state):
            # The call that reaches `state` answers "already" exactly when the secret is in it.
            stage = call(reach[state], secret, owner, "prove the secret is " + state)
            stage["response"] = {"status_code": 200, "json": {"response": {"message": messages[proof[state]]}}}
            return stage

        target = "active" if op == "active" else "inactive"
        step = call(op, secret, owner, group + " the secret")
        step["response"] = {"status_code": 200, "json": success(messages[success_key])}
        yield group + ".success", [arrange(given), step, prove(target)]

        step = call(op, secret, owner, group + " it again")
        step["response"] = {"status_code": 200, "json": success(already)}
        yield group + ".already-" + target, [arrange(target), step, prove(target)]

        step = call(op, missing, owner, group + " a missing id")
        step["response"] = {"status_code": 400, "json": failure(messages["error.notFound"], 1005)}
        yield group + ".not-found", [step]

        step = call(op, secret, outsider, "the outsider tries to " + group)
        step["response"] = {"status_code": 400, "json": failure(messages["error.noAccess"], 1006)}
        yield group + ".no-access", [arrange(given), step, prove(given)]

        step = call(op, secret, forged, group + " with a forged token")
        step["response"] = {"status_code": 401, "json": gateway}
        yield group + ".invalid-token", [arrange(given), step, prove(given)]

        step = call(op, secret, None, group + " without a token")
        step["response"] = {"status_code": 401, "json": gateway}
        yield group + ".no-token", [arrange(given), step, prove(given)]


def main():
    cases_dir, profile, out_dir, secret, missing = sys.argv[1:6]
    messages = profile_messages(cases_dir, profile)
    os.makedirs(out_dir, exist_ok=True)
    written = []
    for case_id, stages in tests(messages, secret, missing):
        assert case_id in SUBSET, case_id
        document = {"test_name": case_id, "strict": ["json:off"], "stages": stages}
        # JSON is YAML: one file per case, named as Tavern wants.
        with open(os.path.join(out_dir, "test_%s.tavern.yaml" % case_id.replace(".", "_").replace("-", "_")), "w") as handle:
            json.dump(document, handle, indent=1)
        written.append(case_id)
    assert sorted(written) == sorted(SUBSET)
    print(",".join(SUBSET))


if __name__ == "__main__":
    main()
