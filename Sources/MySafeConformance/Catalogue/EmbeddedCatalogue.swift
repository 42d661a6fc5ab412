// Generated from Cases/ by `swift run generate-catalogue`. Do not edit.

/// The repository's `Cases/` folder compiled into the binary, so the built-in catalogue works when installed.
enum EmbeddedCatalogue {
    static let files: [(path: String, contents: String)] = [
        (
            "activate/already-active.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.already-active",
  "title": "Activate an already active secret: 200, the idempotency message, and nothing changes",
  "kind": "contract",
  "tags": ["activate", "idempotency"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Response"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Resposta"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "activate the active secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.alreadyActive"},
        "state": {"secret": "unchanged"},
        "evidence": {
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Response; 004_777cd8f770cc16b5.txt#Resposta: the info note on an already active secret"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/expired-token.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.expired-token",
  "title": "Activate with a token past its expires_in: refused, and the secret is unchanged (skipped when tokens live longer than token.expiryWaitSeconds)",
  "kind": "contract",
  "tags": ["activate", "auth", "gateway", "harm", "slow"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "No route matched with those values."},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "No route matched with those values."},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate the inactive secret with a token issued to owner whose expires_in has run out",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "expired"},
      "expect": {
        "status": "!2xx",
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6750 §3.1 (invalid_token: the token expired) and the Kong gateway (401 or 404); the seeds give the message but no status"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#No route matched with those values.: a failed authentication is refused (\"request a new access token\"); 001_6a7bd22861e94e24.txt#Authentication"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/foreign-secret.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.foreign-secret",
  "title": "Activate a secret the caller may not edit: 400 and error 1006",
  "kind": "contract",
  "tags": ["activate", "error", "1006", "authorization"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Errors"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Erros"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "In case of error - user has no access to this API secret"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Em caso de erro - usuário não possui acesso a esse segredo de API"}
  ],
  "fixtures": ["foreignSecret"],
  "identities": ["owner"],
  "steps": [
    {
      "name": "the owner tries to activate a foreign secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{foreignSecret}", "identity": "owner"},
      "expect": {
        "status": 400,
        "envelope": "error",
        "message": {"profile": "error.noAccess"},
        "fields": {"exception.code": 1006}
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/invalid-token.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.invalid-token",
  "title": "Activate with a forged bearer token: refused with a documented gateway answer, and the secret is unchanged",
  "kind": "contract",
  "tags": ["activate", "auth", "gateway"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "No route matched with those values."},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "No route matched with those values."},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"}
  ],
  "drift": ["D4"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate the inactive secret with a forged bearer token",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "forged"},
      "expect": {
        "status": "!2xx",
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6750 §3.1 and the Kong gateway (401 or 404); the seeds give the message 'No route matched with those values.' but no status"},
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values.: a failed authentication is refused; 001_6a7bd22861e94e24.txt#Authentication"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/malformed-token.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.malformed-token",
  "title": "Activate with an Authorization header that is not a bearer token: refused with a documented gateway answer, and the secret is unchanged",
  "kind": "contract",
  "tags": ["activate", "auth", "gateway"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "No route matched with those values."},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "No route matched with those values."},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"}
  ],
  "drift": ["D4"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate the inactive secret with an Authorization header that is not a bearer token",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "malformed"},
      "expect": {
        "status": "!2xx",
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6750 §3.1 and the Kong gateway (401 or 404); the seeds give the message 'No route matched with those values.' but no status"},
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values.: a failed authentication is refused; 001_6a7bd22861e94e24.txt#Authentication"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/missing-identifier.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.missing-identifier",
  "title": "Activate without the required identifier is refused",
  "kind": "contract",
  "tags": ["activate", "error", "route"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Request parameters"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Parâmetros de requisição"}
  ],
  "identities": ["owner"],
  "steps": [
    {
      "name": "activate with an empty identifier",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/", "identity": "owner"},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.5 (404): a path without its required identifier names no resource; the seeds give no status for it"},
          "envelope": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request parameters; 004_777cd8f770cc16b5.txt#Parâmetros de requisição: identifier is required"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/no-access.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.no-access",
  "title": "An identity without access may not activate a secret: 400, error 1006, and the secret is unchanged",
  "kind": "contract",
  "tags": ["activate", "error", "1006", "authorization"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Errors"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Erros"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "In case of error - user has no access to this API secret"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Em caso de erro - usuário não possui acesso a esse segredo de API"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner", "outsider"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "the outsider tries to activate the owner's inactive secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "outsider"},
      "expect": {
        "status": 400,
        "envelope": "error",
        "message": {"profile": "error.noAccess"},
        "fields": {"exception.code": 1006},
        "state": {"secret": "unchanged"},
        "evidence": {
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Errors; 004_777cd8f770cc16b5.txt#Erros: 1006, the user has no access to the secret"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/no-token.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.no-token",
  "title": "Activate with no Authorization header: refused with a documented gateway answer, and the secret is unchanged",
  "kind": "contract",
  "tags": ["activate", "auth", "gateway"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "No route matched with those values."},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "No route matched with those values."},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"}
  ],
  "drift": ["D4"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate the inactive secret with no Authorization header",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "none"},
      "expect": {
        "status": "!2xx",
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6750 §3.1 and the Kong gateway (401 or 404); the seeds give the message 'No route matched with those values.' but no status"},
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values.: a failed authentication is refused; 001_6a7bd22861e94e24.txt#Authentication"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/not-found.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.not-found",
  "title": "Activate an identifier that does not exist: 400, error 1005 and the full error envelope",
  "kind": "contract",
  "tags": ["activate", "error", "1005"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Errors"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Erros"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "In case of error - API secret not found"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Em caso de erro - segredo de API não encontrado"}
  ],
  "fixtures": ["missingSecret"],
  "identities": ["owner"],
  "steps": [
    {
      "name": "activate the missing identifier",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{missingSecret}", "identity": "owner"},
      "expect": {
        "status": 400,
        "envelope": "error",
        "message": {"profile": "error.notFound"},
        "fields": {"exception.code": 1005}
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/repeat-stable.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.repeat-stable",
  "title": "Three activate calls in a row on an active secret give the same idempotent answer",
  "kind": "contract",
  "tags": ["activate", "idempotency", "repeat"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Response"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Resposta"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "activate the active secret three times",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "repeat": 3,
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.alreadyActive"},
        "state": {"secret": "active"},
        "evidence": {
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Response; 004_777cd8f770cc16b5.txt#Resposta: the info note on a repeat call"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/success.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.success",
  "title": "Activate an inactive secret: 200, the success envelope and message, and the secret is then active",
  "kind": "contract",
  "tags": ["activate", "success", "state"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Response"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Resposta"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Activate an API secret"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Ativar um segredo de API"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate the inactive secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.success"},
        "state": {"secret": "active"},
        "evidence": {
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Response: the call enables the secret"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "activate/wrong-method.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "activate.wrong-method",
  "title": "GET on the activate route is refused and never changes the secret",
  "kind": "contract",
  "tags": ["activate", "method", "safety"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Request"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Requisição"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Activate an API secret"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "GET the activate route of the inactive secret",
      "request": {"method": "GET", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.6 (405 Method Not Allowed); the seeds give no status for another method"},
          "envelope": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request; 004_777cd8f770cc16b5.txt#Requisição: the operation is POST only"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request; 004_777cd8f770cc16b5.txt#Requisição: the operation is POST only"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "auth/token-documented-endpoint.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "auth.token-documented-endpoint",
  "title": "Probe: does the target issue a token on GET /api/oauth2/token, as 001 and 002 say? (the client credentials go in a Basic header, never in the URL)",
  "kind": "probe",
  "tags": ["auth", "token", "drift"],
  "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "drift": ["D5"],
  "identities": ["owner"],
  "steps": [
    {
      "name": "request a token for owner from the documented endpoint",
      "request": {"token": true, "identity": "owner", "endpoint": "documented"},
      "expect": {"status": 200, "envelope": "token"}
    }
  ]
}

"""#####
        ),
        (
            "auth/token-empty-secret.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "auth.token-empty-secret",
  "title": "An empty client secret gets 400 or 401 and no access token: a token for it is harm",
  "kind": "contract",
  "tags": ["auth", "token", "error", "harm"],
  "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "identities": ["owner"],
  "steps": [
    {
      "name": "request a token with the owner's client id and an empty client secret",
      "request": {"token": true, "identity": "owner", "secret": "empty"},
      "expect": {
        "status": [400, 401],
        "envelope": "not-success",
        "absent": ["access_token"],
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6749 §5.2 (invalid_client: 400 or 401); the seeds say nothing of a refused token request"},
          "envelope": {"grade": "inferred", "cite": "RFC 6749 §5.2: an error response carries no token"},
          "absent": {"grade": "inferred", "cite": "RFC 6749 §5.2: an error response carries no token; a token issued at all is harm whatever this grade (docs/EVIDENCE.md#harm)"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "auth/token-issued.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "auth.token-issued",
  "title": "The token endpoint issues a bearer token for valid client credentials",
  "kind": "contract",
  "tags": ["auth", "token"],
  "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "drift": ["D5"],
  "identities": ["owner"],
  "steps": [
    {
      "name": "request a token with the owner's client credentials",
      "request": {"token": true, "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "token",
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6749 §5.1 (200 with the token); 001_6a7bd22861e94e24.txt#Authentication names only the endpoint"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "auth/token-no-secret.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "auth.token-no-secret",
  "title": "A token request with the client id and no client secret gets 400 or 401 and no access token: a token for it is harm",
  "kind": "contract",
  "tags": ["auth", "token", "error", "harm"],
  "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "identities": ["owner"],
  "steps": [
    {
      "name": "request a token with the owner's client id and no client secret at all",
      "request": {"token": true, "identity": "owner", "secret": "absent"},
      "expect": {
        "status": [400, 401],
        "envelope": "not-success",
        "absent": ["access_token"],
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6749 §5.2 (invalid_client: 400 or 401); the seeds say nothing of a refused token request"},
          "envelope": {"grade": "inferred", "cite": "RFC 6749 §5.2: an error response carries no token"},
          "absent": {"grade": "inferred", "cite": "RFC 6749 §5.2: an error response carries no token; a token issued at all is harm whatever this grade (docs/EVIDENCE.md#harm)"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "auth/token-wrong-secret.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "auth.token-wrong-secret",
  "title": "A wrong client secret gets 400 or 401 and no access token",
  "kind": "contract",
  "tags": ["auth", "token", "error"],
  "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "identities": ["owner"],
  "steps": [
    {
      "name": "request a token with a wrong client secret",
      "request": {"token": true, "identity": "owner", "secret": "wrong"},
      "expect": {
        "status": [400, 401],
        "envelope": "not-success",
        "absent": ["access_token"],
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6749 §5.2 (invalid_client: 400 or 401); the seeds say nothing of a refused token request"},
          "envelope": {"grade": "inferred", "cite": "RFC 6749 §5.2: an error response carries no token"},
          "absent": {"grade": "inferred", "cite": "RFC 6749 §5.2: an error response carries no token"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "case.schema.json",
            #####"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:mysafe-conformance:case.schema.json",
  "title": "mysafe-conformance case",
  "description": "One declarative test case of the MySafe API-secret conformance catalogue, stored as Cases/<group>/<name>.json. See Cases/README.md.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id",
    "title",
    "kind",
    "tags",
    "docs",
    "steps"
  ],
  "properties": {
    "$schema": {
      "type": "string",
      "description": "Path of this schema, for editors: \"../case.schema.json\"."
    },
    "id": {
      "type": "string",
      "pattern": "^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$",
      "description": "<group>.<name>: the folder name and the file name without .json, e.g. activate.already-active."
    },
    "title": {
      "type": "string",
      "pattern": "\\S",
      "description": "One sentence: what the case establishes."
    },
    "kind": {
      "enum": [
        "contract",
        "probe"
      ],
      "description": "contract: a violation fails the run. probe: records what the target does (e.g. documentation drift); fails the run only under --strict."
    },
    "tags": {
      "type": "array",
      "uniqueItems": true,
      "description": "Free labels for --tags selection.",
      "items": {
        "type": "string",
        "pattern": "^[A-Za-z0-9._-]+$"
      }
    },
    "docs": {
      "type": "array",
      "minItems": 1,
      "uniqueItems": true,
      "items": {
        "$ref": "#/$defs/citation"
      },
      "description": "The vendor documents and sections the case is derived from (at least one)."
    },
    "drift": {
      "type": "array",
      "uniqueItems": true,
      "items": {
        "enum": [
          "D1",
          "D2",
          "D3",
          "D4",
          "D5",
          "D6"
        ]
      },
      "description": "Documentation drift items (docs/DESIGN.md#documentation-drift) this case observes; reported in the drift findings."
    },
    "fixtures": {
      "type": "array",
      "uniqueItems": true,
      "items": {
        "$ref": "#/$defs/fixtureRole"
      },
      "description": "Fixture roles the step paths use as {variables}. secret: a pool secret owner may edit; foreignSecret: a secret owner may not edit; missingSecret: an id that does not exist."
    },
    "identities": {
      "type": "array",
      "uniqueItems": true,
      "items": {
        "enum": [
          "owner",
          "outsider"
        ]
      },
      "description": "Configured identities the case needs (owner is needed whenever given or state is used). The synthetic none, forged and malformed need no declaration."
    },
    "given": {
      "type": "object",
      "additionalProperties": false,
      "description": "The state the secret fixture is put in before step 1.",
      "properties": {
        "secret": {
          "enum": [
            "active",
            "inactive"
          ],
          "description": "Whether the pool secret starts active or inactive."
        }
      }
    },
    "steps": {
      "type": "array",
      "minItems": 1,
      "items": {
        "$ref": "#/$defs/step"
      },
      "description": "The requests, in order."
    }
  },
  "$defs": {
    "citation": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "seed",
        "section"
      ],
      "description": "A vendor document the case or profile is derived from: the seed file and the heading of the section.",
      "properties": {
        "seed": {
          "type": "string",
          "pattern": "^[0-9]{3}_[0-9a-f]+\\.txt$",
          "description": "File name of the source document in docs/vendor/seeds/, e.g. 000_e35a1aba2a069d21.txt.",
          "examples": [
            "000_e35a1aba2a069d21.txt",
            "001_6a7bd22861e94e24.txt",
            "002_94262b9826fcafb7.txt",
            "003_88e9082276f05d47.txt",
            "004_777cd8f770cc16b5.txt"
          ]
        },
        "section": {
          "type": "string",
          "pattern": "\\S",
          "description": "A heading of that document (a markdown heading, a <summary> title or a bold title), e.g. Errors."
        }
      }
    },
    "fixtureRole": {
      "enum": [
        "secret",
        "foreignSecret",
        "missingSecret"
      ]
    },
    "step": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "request",
        "expect"
      ],
      "properties": {
        "name": {
          "type": "string",
          "pattern": "\\S",
          "description": "What the step does, as the report shows it."
        },
        "request": {
          "oneOf": [
            {
              "$ref": "#/$defs/apiRequest"
            },
            {
              "$ref": "#/$defs/tokenRequest"
            }
          ],
          "description": "An API request (method, path, identity) or a token request (\"token\": true)."
        },
        "repeat": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 1,
          "description": "Send the request this many times in a row; every answer must satisfy expect."
        },
        "expect": {
          "$ref": "#/$defs/expect"
        },
        "each": {
          "description": "Send the request once per method or once per identifier rule instead of once; every answer must satisfy expect, and expect.state is proved once, after the last. Not with repeat or concurrent.",
          "type": "object",
          "additionalProperties": false,
          "minProperties": 1,
          "maxProperties": 1,
          "properties": {
            "method": {
              "type": "array",
              "minItems": 1,
              "uniqueItems": true,
              "items": {
                "type": "string",
                "pattern": "^[A-Z]{1,32}$"
              },
              "description": "The methods to send; leave request.method out.",
              "examples": [
                [
                  "GET",
                  "PUT",
                  "DELETE",
                  "PATCH",
                  "HEAD"
                ]
              ]
            },
            "identifier": {
              "type": "array",
              "minItems": 1,
              "items": {
                "$ref": "#/$defs/identifierRule"
              },
              "description": "Rules deriving an identifier from the id bound to the path's one fixture variable; the derived identifier replaces it."
            }
          }
        },
        "concurrent": {
          "type": "integer",
          "minimum": 2,
          "maximum": 64,
          "description": "Send this many copies of the request at the same time; every answer must satisfy expect, at most one may say it changed the state, and expect.state is proved once, after all. Not with repeat or each."
        }
      }
    },
    "apiRequest": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "path",
        "identity"
      ],
      "properties": {
        "method": {
          "type": "string",
          "pattern": "^[A-Z]{1,32}$",
          "description": "Uppercase HTTP method; required unless the step's each.method gives the methods.",
          "examples": [
            "POST",
            "GET"
          ]
        },
        "path": {
          "type": "string",
          "pattern": "^/[^\\s{}]*(\\{(secret|foreignSecret|missingSecret)\\}[^\\s{}]*)*$",
          "description": "Path template; {secret}, {foreignSecret} and {missingSecret} are replaced by the configured ids and must be declared in fixtures.",
          "examples": [
            "/api/mysafe/secretapi/active/{secret}",
            "/api/mysafe/secretapi/inactive/{secret}"
          ]
        },
        "identity": {
          "enum": [
            "owner",
            "outsider",
            "none",
            "forged",
            "malformed",
            "expired"
          ],
          "description": "Whose bearer token is sent. none: no Authorization header; forged: a bearer token never issued; malformed: an Authorization header that is not a bearer token; expired: a token issued to owner, sent once its expires_in has run out (the case is skipped when that is longer than the configuration's token.expiryWaitSeconds)."
        }
      }
    },
    "tokenRequest": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "token",
        "identity"
      ],
      "description": "A request to the configured token endpoint (method and path come from the configuration).",
      "properties": {
        "token": {
          "const": true,
          "description": "Marks a token request."
        },
        "identity": {
          "enum": [
            "owner",
            "outsider"
          ],
          "description": "Whose client credentials are sent."
        },
        "secret": {
          "enum": [
            "configured",
            "wrong",
            "empty",
            "absent"
          ],
          "default": "configured",
          "description": "The client secret sent: the configured one; a wrong one; an empty one; or none at all (the client id alone, as a form field). A token issued for any but the configured one is harm (docs/EVIDENCE.md#harm)."
        },
        "endpoint": {
          "enum": [
            "configured",
            "documented"
          ],
          "default": "configured",
          "description": "configured: the configuration's token path, method and client authentication; documented: GET /api/oauth2/token, as 001 and 002 say (drift D5), with the client credentials in an HTTP Basic header: never in the query string, which access logs keep (RFC 6749 §2.3.1)."
        }
      }
    },
    "expect": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "status"
      ],
      "description": "What the answer must satisfy, on top of the shared envelope invariants (docs/DESIGN.md#the-envelope).",
      "properties": {
        "status": {
          "description": "An HTTP status, a list of them, a class (\"4xx\") or a negated class (\"!2xx\").",
          "oneOf": [
            {
              "type": "integer",
              "minimum": 100,
              "maximum": 599
            },
            {
              "type": "array",
              "minItems": 1,
              "uniqueItems": true,
              "items": {
                "type": "integer",
                "minimum": 100,
                "maximum": 599
              }
            },
            {
              "type": "string",
              "pattern": "^!?[1-5]xx$"
            }
          ]
        },
        "envelope": {
          "enum": [
            "success",
            "error",
            "gateway",
            "token",
            "not-success"
          ],
          "description": "success/error: the MySafe envelopes; gateway: {\"message\": ...} from the gateway; token: an OAuth 2.0 token answer; not-success: anything but a MySafe success envelope."
        },
        "message": {
          "description": "A literal message, a profile message key, or a list of gateway message keys.",
          "oneOf": [
            {
              "type": "string",
              "pattern": "\\S",
              "description": "The exact message text."
            },
            {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "profile"
              ],
              "properties": {
                "profile": {
                  "oneOf": [
                    {
                      "enum": [
                        "activate.success",
                        "activate.alreadyActive",
                        "deactivate.success",
                        "deactivate.alreadyInactive",
                        "error.notFound",
                        "error.noAccess",
                        "error.unexpected"
                      ],
                      "description": "A key of the profile's messages."
                    },
                    {
                      "type": "array",
                      "minItems": 1,
                      "uniqueItems": true,
                      "items": {
                        "enum": [
                          "activate.success",
                          "activate.alreadyActive",
                          "deactivate.success",
                          "deactivate.alreadyInactive",
                          "error.notFound",
                          "error.noAccess",
                          "error.unexpected"
                        ]
                      },
                      "description": "Any of these keys of the profile's messages."
                    }
                  ]
                }
              }
            },
            {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "gateway"
              ],
              "properties": {
                "gateway": {
                  "type": "array",
                  "minItems": 1,
                  "uniqueItems": true,
                  "items": {
                    "enum": [
                      "noRoute",
                      "notAuthorized",
                      "badGateway",
                      "gatewayTimeout"
                    ]
                  },
                  "description": "Any of these gateway messages is accepted (compared case-insensitively, trailing full stop ignored)."
                }
              }
            }
          ]
        },
        "fields": {
          "type": "object",
          "description": "Dotted paths into the body and the exact JSON value each must have (types are exact).",
          "propertyNames": {
            "pattern": "^[^.$][^.]*(\\.[^.]+)*$"
          }
        },
        "absent": {
          "type": "array",
          "uniqueItems": true,
          "description": "Dotted paths that must not be in the body.",
          "items": {
            "type": "string",
            "pattern": "^[^.$][^.]*(\\.[^.]+)*$"
          }
        },
        "state": {
          "type": "object",
          "additionalProperties": false,
          "description": "The secret's state after the step, proved by the runner with follow-up calls.",
          "properties": {
            "secret": {
              "enum": [
                "active",
                "inactive",
                "unchanged",
                "changed"
              ]
            }
          }
        },
        "serverError": {
          "enum": [
            "warn"
          ],
          "description": "warn: a 5xx answer is a robustness warning when it is a documented fault answer (500 Unexpected error., the gateway's 502/504), and fails (fault.body) otherwise, e.g. a stack trace."
        },
        "evidence": {
          "type": "object",
          "additionalProperties": false,
          "description": "Grades of this step's expectations. An expectation left out takes the grade the profile gives the answer its message names (profiles/*.json evidence), or documented by the case's docs.",
          "properties": {
            "status": {
              "$ref": "#/$defs/evidence"
            },
            "envelope": {
              "$ref": "#/$defs/evidence"
            },
            "message": {
              "$ref": "#/$defs/evidence"
            },
            "fields": {
              "$ref": "#/$defs/evidence"
            },
            "absent": {
              "$ref": "#/$defs/evidence"
            },
            "state": {
              "$ref": "#/$defs/evidence"
            }
          }
        }
      }
    },
    "identifierRule": {
      "type": "object",
      "required": [
        "rule",
        "class"
      ],
      "description": "A rule deriving an identifier from a fixture's id (Cases/README.md, Identifier rules). Characters a URL path cannot carry are percent-encoded when sent.",
      "properties": {
        "class": {
          "enum": [
            "same-number",
            "not-integer",
            "other-script",
            "other-number"
          ],
          "description": "What the derived identifier means, which decides the verdict when the target acts on the fixture for it (Cases/README.md, Identifier classes): same-number (043, +43, 43/, %34%33: a warning graded observed, a failure only with --strict), not-integer (43abc, ' 43', 4.3e1, 0x2b, 43;v=1, 2 KiB of padding: a failure), other-script (Arabic-Indic, Devanagari, fullwidth digits: a warning graded inferred, a failure with --strict), other-number (-43, id + 2^32, 2^31, 0: a failure, it changed a secret the request did not name). A success answer while the fixture is unchanged fails for every class; a refusal passes. percent-encode is always same-number, and its answer is compared with the answer for the id itself."
        },
        "rule": {
          "enum": [
            "suffix",
            "prefix",
            "literal",
            "pad",
            "pad-end",
            "exponent",
            "radix",
            "add",
            "percent-encode",
            "digits"
          ]
        },
        "why": {
          "type": "string",
          "pattern": "\\S",
          "description": "Which parser the identifier would fool; shown nowhere else, for the reader."
        },
        "text": {
          "type": "string",
          "minLength": 1,
          "maxLength": 8192,
          "description": "suffix/prefix: added after/before the id; literal: the identifier itself."
        },
        "width": {
          "type": "integer",
          "minimum": 1,
          "maximum": 8192,
          "description": "pad/pad-end: the identifier's length in characters."
        },
        "with": {
          "type": "string",
          "minLength": 1,
          "maxLength": 1,
          "description": "pad/pad-end: the character added."
        },
        "base": {
          "type": "integer",
          "minimum": 2,
          "maximum": 36,
          "description": "radix: the base the id is written in."
        },
        "prefix": {
          "type": "string",
          "maxLength": 8,
          "description": "radix: written before the digits, e.g. 0x."
        },
        "value": {
          "type": "string",
          "pattern": "^[0-9]{1,40}$",
          "description": "add: a decimal number added to the id, e.g. 4294967296 (2^32)."
        },
        "script": {
          "enum": [
            "arabic-indic",
            "bengali",
            "devanagari",
            "extended-arabic-indic",
            "fullwidth",
            "mathematical-bold"
          ],
          "description": "digits: the script whose decimal digits write the id."
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "rule": {
                "enum": [
                  "suffix",
                  "prefix",
                  "literal"
                ]
              }
            }
          },
          "then": {
            "required": [
              "text"
            ],
            "properties": {
              "width": false,
              "with": false,
              "base": false,
              "prefix": false,
              "value": false,
              "script": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "rule": {
                "enum": [
                  "pad",
                  "pad-end"
                ]
              }
            }
          },
          "then": {
            "required": [
              "width",
              "with"
            ],
            "properties": {
              "text": false,
              "base": false,
              "prefix": false,
              "value": false,
              "script": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "rule": {
                "const": "radix"
              }
            }
          },
          "then": {
            "required": [
              "base"
            ],
            "properties": {
              "text": false,
              "width": false,
              "with": false,
              "value": false,
              "script": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "rule": {
                "const": "add"
              }
            }
          },
          "then": {
            "required": [
              "value"
            ],
            "properties": {
              "text": false,
              "width": false,
              "with": false,
              "base": false,
              "prefix": false,
              "script": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "rule": {
                "const": "digits"
              }
            }
          },
          "then": {
            "required": [
              "script"
            ],
            "properties": {
              "text": false,
              "width": false,
              "with": false,
              "base": false,
              "prefix": false,
              "value": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "rule": {
                "enum": [
                  "exponent",
                  "percent-encode"
                ]
              }
            }
          },
          "then": {
            "properties": {
              "text": false,
              "width": false,
              "with": false,
              "base": false,
              "prefix": false,
              "value": false,
              "script": false
            }
          }
        }
      ],
      "additionalProperties": false
    },
    "grade": {
      "enum": [
        "documented",
        "inferred",
        "observed"
      ],
      "description": "documented: a seed states it for the profile's version (a failure when broken); inferred: carried over from another version, an RFC or the gateway's conventions (a warning, a failure only with --strict); observed: recorded, never judged. See docs/EVIDENCE.md."
    },
    "evidence": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "grade",
        "cite"
      ],
      "description": "The grade of one expectation and where it comes from.",
      "properties": {
        "grade": {
          "$ref": "#/$defs/grade"
        },
        "cite": {
          "type": "string",
          "pattern": "\\S",
          "description": "seed#Heading (e.g. 003_88e9082276f05d47.txt#Errors), or the RFC or gateway convention it comes from"
        }
      }
    }
  }
}

"""#####
        ),
        (
            "concurrency/activate-deactivate.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "concurrency.activate-deactivate",
  "title": "Eight simultaneous activations of an inactive secret, then eight simultaneous deactivations: each answer documented, one change each way, the requested state at the end",
  "kind": "contract",
  "tags": ["concurrency", "activate", "deactivate", "idempotency", "negative-space"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Response"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Resposta"},
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Response"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate the inactive secret with 8 requests at once",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "concurrent": 8,
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": ["activate.success", "activate.alreadyActive"]},
        "state": {"secret": "active"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "the pages describe one call at a time; each of several simultaneous answers is taken to be one of the documented answers (003#Response, 004#Resposta, 000#Response)"},
          "envelope": {"grade": "inferred", "cite": "the pages describe one call at a time; each of several simultaneous answers is taken to be one of the documented answers (003#Response, 004#Resposta, 000#Response)"},
          "message": {"grade": "inferred", "cite": "the pages describe one call at a time; each of several simultaneous answers is taken to be one of the documented answers (003#Response, 004#Resposta, 000#Response)"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Response; 000_e35a1aba2a069d21.txt#Response: the call enables / disables the secret"}
        }
      }
    },
    {
      "name": "deactivate the active secret with 8 requests at once",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "concurrent": 8,
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": ["deactivate.success", "deactivate.alreadyInactive"]},
        "state": {"secret": "inactive"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "the pages describe one call at a time; each of several simultaneous answers is taken to be one of the documented answers (003#Response, 004#Resposta, 000#Response)"},
          "envelope": {"grade": "inferred", "cite": "the pages describe one call at a time; each of several simultaneous answers is taken to be one of the documented answers (003#Response, 004#Resposta, 000#Response)"},
          "message": {"grade": "inferred", "cite": "the pages describe one call at a time; each of several simultaneous answers is taken to be one of the documented answers (003#Response, 004#Resposta, 000#Response)"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Response; 000_e35a1aba2a069d21.txt#Response: the call enables / disables the secret"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/already-inactive.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.already-inactive",
  "title": "Deactivate an already inactive secret: 200, the idempotency message, and nothing changes",
  "kind": "contract",
  "tags": ["deactivate", "idempotency"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Response"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "deactivate the inactive secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.alreadyInactive"},
        "state": {"secret": "unchanged"},
        "evidence": {
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#Response: the info note on an already inactive secret"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/expired-token.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.expired-token",
  "title": "Deactivate with a token past its expires_in: refused, and the secret is unchanged (skipped when tokens live longer than token.expiryWaitSeconds)",
  "kind": "contract",
  "tags": ["deactivate", "auth", "gateway", "harm", "slow"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "No route matched with those values."},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "deactivate the active secret with a token issued to owner whose expires_in has run out",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "expired"},
      "expect": {
        "status": "!2xx",
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6750 §3.1 (invalid_token: the token expired) and the Kong gateway (401 or 404); the seeds give the message but no status"},
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values.: a failed authentication is refused (\"request a new access token\"); 001_6a7bd22861e94e24.txt#Authentication"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/foreign-secret.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.foreign-secret",
  "title": "Deactivate a secret the caller may not edit: 400 and error 1006",
  "kind": "contract",
  "tags": ["deactivate", "error", "1006", "authorization"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Errors"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "In case of error - user has no access to this API secret"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Em caso de erro - usuário não possui acesso a esse segredo de API"}
  ],
  "fixtures": ["foreignSecret"],
  "identities": ["owner"],
  "steps": [
    {
      "name": "the owner tries to deactivate a foreign secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{foreignSecret}", "identity": "owner"},
      "expect": {
        "status": 400,
        "envelope": "error",
        "message": {"profile": "error.noAccess"},
        "fields": {"exception.code": 1006}
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/invalid-token.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.invalid-token",
  "title": "Deactivate with a forged bearer token: refused with a documented gateway answer, and the secret is unchanged",
  "kind": "contract",
  "tags": ["deactivate", "auth", "gateway"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "No route matched with those values."},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "drift": ["D4"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "deactivate the active secret with a forged bearer token",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "forged"},
      "expect": {
        "status": "!2xx",
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6750 §3.1 and the Kong gateway (401 or 404); the seeds give the message 'No route matched with those values.' but no status"},
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values.: a failed authentication is refused; 001_6a7bd22861e94e24.txt#Authentication"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/malformed-token.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.malformed-token",
  "title": "Deactivate with an Authorization header that is not a bearer token: refused with a documented gateway answer, and the secret is unchanged",
  "kind": "contract",
  "tags": ["deactivate", "auth", "gateway"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "No route matched with those values."},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "drift": ["D4"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "deactivate the active secret with an Authorization header that is not a bearer token",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "malformed"},
      "expect": {
        "status": "!2xx",
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6750 §3.1 and the Kong gateway (401 or 404); the seeds give the message 'No route matched with those values.' but no status"},
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values.: a failed authentication is refused; 001_6a7bd22861e94e24.txt#Authentication"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/missing-identifier.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.missing-identifier",
  "title": "Deactivate without the required identifier is refused",
  "kind": "contract",
  "tags": ["deactivate", "error", "route"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Request parameters"}
  ],
  "identities": ["owner"],
  "steps": [
    {
      "name": "deactivate with an empty identifier",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/", "identity": "owner"},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.5 (404): a path without its required identifier names no resource; the seeds give no status for it"},
          "envelope": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#Request parameters: identifier is required"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/no-access.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.no-access",
  "title": "An identity without access may not deactivate a secret: 400, error 1006, and the secret is unchanged",
  "kind": "contract",
  "tags": ["deactivate", "error", "1006", "authorization"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Errors"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "In case of error - user has no access to this API secret"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Em caso de erro - usuário não possui acesso a esse segredo de API"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner", "outsider"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "the outsider tries to deactivate the owner's active secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "outsider"},
      "expect": {
        "status": 400,
        "envelope": "error",
        "message": {"profile": "error.noAccess"},
        "fields": {"exception.code": 1006},
        "state": {"secret": "unchanged"},
        "evidence": {
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#Errors: 1006, the user has no access to the secret"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/no-token.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.no-token",
  "title": "Deactivate with no Authorization header: refused with a documented gateway answer, and the secret is unchanged",
  "kind": "contract",
  "tags": ["deactivate", "auth", "gateway"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "No route matched with those values."},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ],
  "drift": ["D4"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "deactivate the active secret with no Authorization header",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "none"},
      "expect": {
        "status": "!2xx",
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 6750 §3.1 and the Kong gateway (401 or 404); the seeds give the message 'No route matched with those values.' but no status"},
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values.: a failed authentication is refused; 001_6a7bd22861e94e24.txt#Authentication"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/not-found.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.not-found",
  "title": "Deactivate an identifier that does not exist: 400, error 1005 and the full error envelope",
  "kind": "contract",
  "tags": ["deactivate", "error", "1005"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Errors"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "In case of error - API secret not found"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Em caso de erro - segredo de API não encontrado"}
  ],
  "fixtures": ["missingSecret"],
  "identities": ["owner"],
  "steps": [
    {
      "name": "deactivate the missing identifier",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{missingSecret}", "identity": "owner"},
      "expect": {
        "status": 400,
        "envelope": "error",
        "message": {"profile": "error.notFound"},
        "fields": {"exception.code": 1005}
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/repeat-stable.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.repeat-stable",
  "title": "Three deactivate calls in a row on an inactive secret give the same idempotent answer",
  "kind": "contract",
  "tags": ["deactivate", "idempotency", "repeat"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Response"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "deactivate the inactive secret three times",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "repeat": 3,
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.alreadyInactive"},
        "state": {"secret": "inactive"},
        "evidence": {
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#Response: the info note on a repeat call"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/success.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.success",
  "title": "Deactivate an active secret: 200, the success envelope and message, and the secret is then inactive",
  "kind": "contract",
  "tags": ["deactivate", "success", "state"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Response"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Deactivate an API secret"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Inativar um segredo de API"}
  ],
  "drift": ["D3"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "deactivate the active secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.success"},
        "state": {"secret": "inactive"},
        "evidence": {
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#Response: the call disables the secret"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "deactivate/wrong-method.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "deactivate.wrong-method",
  "title": "GET on the deactivate route is refused and never changes the secret",
  "kind": "contract",
  "tags": ["deactivate", "method", "safety"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Request"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Deactivate an API secret"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "GET the deactivate route of the active secret",
      "request": {"method": "GET", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "state": {"secret": "unchanged"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.6 (405 Method Not Allowed); the seeds give no status for another method"},
          "envelope": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#Request: the operation is POST only"},
          "state": {"grade": "documented", "cite": "000_e35a1aba2a069d21.txt#Request: the operation is POST only"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "expectations.schema.json",
            #####"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:mysafe-conformance:expectations.schema.json",
  "title": "mysafe-conformance expectations",
  "description": "Known departures a run accepts (run --expectations FILE, or the configuration key \"expectations\"). A listed failure counts as expected (exit unaffected); a listed case that passes, or an entry past its \"until\", fails the run; unknown case or check ids stop the run with exit 2. See README, \"Known departures: expectations\".",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "expectations"
  ],
  "properties": {
    "$schema": {
      "type": "string",
      "description": "Path of this schema, for editors."
    },
    "$comment": {
      "type": "string"
    },
    "expectations": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/entry"
      }
    }
  },
  "$defs": {
    "entry": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "case",
        "reason"
      ],
      "properties": {
        "case": {
          "type": "string",
          "pattern": "^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$",
          "description": "A case id, as 'mysafe-conformance list' shows it, e.g. activate.success."
        },
        "check": {
          "type": "string",
          "pattern": "^[a-z_.-]+$",
          "description": "Optional: the check id the failure must be of (mirror.mensagem, status, envelope.exception.code, …). Without it, any failure of the case is expected."
        },
        "reason": {
          "type": "string",
          "pattern": "\\S",
          "maxLength": 2000,
          "description": "Why the departure is accepted (a ticket, a vendor answer); shown with every expected failure."
        },
        "until": {
          "type": "string",
          "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
          "description": "Optional: the last day (UTC) the acceptance holds; after it, the entry fails the run."
        },
        "targets": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "string",
            "minLength": 1
          },
          "description": "Optional: the target names (configuration \"name\", fleet entry \"name\") or base URLs it applies to; without it, every target."
        }
      }
    }
  }
}

"""#####
        ),
        (
            "identifiers/activate.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "identifiers.activate",
  "title": "Activate with identifiers derived from the fixture's id (043, 43/, 43abc, 4.3e1, -43, id + 2^32, ٤٣, 2 KiB, …), each judged by its class: a non-integer or another number must not act on the fixture, and none may answer success without acting",
  "kind": "contract",
  "tags": ["identifiers", "activate", "safety", "negative-space"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Request parameters"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Parâmetros de requisição"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate with each identifier the rules derive from the inactive secret's id; read its state after every answer that is not a refusal, and once after the batch",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "each": {"identifier": [{"rule": "suffix", "class": "not-integer", "text": "abc", "why": "PHP intval(\"43abc\") and C atoi stop at the first non-digit: 43"}, {"rule": "prefix", "class": "same-number", "text": "0", "why": "a leading zero: lenient parsers read 43"}, {"rule": "suffix", "class": "same-number", "text": "/", "why": "a trailing slash a router may ignore"}, {"rule": "prefix", "class": "not-integer", "text": " ", "why": "leading white space (sent as %20): intval, atoi and trim() skip it"}, {"rule": "suffix", "class": "not-integer", "text": " ", "why": "trailing white space (sent as %20): trim() removes it"}, {"rule": "prefix", "class": "not-integer", "text": "\t", "why": "a leading tab (sent as %09): intval skips it"}, {"rule": "suffix", "class": "not-integer", "text": "\n", "why": "a trailing line feed (sent as %0A): PHP's /^\\d+$/ matches before a final newline"}, {"rule": "suffix", "class": "not-integer", "text": "\u0000", "why": "a NUL (sent as %00): C strings end there"}, {"rule": "prefix", "class": "same-number", "text": "+", "why": "a plus sign: most integer parsers accept it"}, {"rule": "prefix", "class": "other-number", "text": "-", "why": "a minus sign: a parser that takes the absolute value"}, {"rule": "literal", "class": "other-number", "text": "0", "why": "what intval returns for text without digits"}, {"rule": "exponent", "class": "not-integer", "why": "scientific notation: is_numeric and JavaScript Number read 43"}, {"rule": "suffix", "class": "not-integer", "text": ".", "why": "a trailing dot: float parsers read 43"}, {"rule": "suffix", "class": "not-integer", "text": ".0", "why": "a decimal fraction of zero: float parsers read 43"}, {"rule": "suffix", "class": "not-integer", "text": "e0", "why": "an exponent of zero: float parsers read 43"}, {"rule": "radix", "class": "not-integer", "base": 16, "prefix": "0x", "why": "hexadecimal: strtol with base 0, intval($id, 0), JavaScript Number"}, {"rule": "radix", "class": "not-integer", "base": 8, "prefix": "0o", "why": "octal: JavaScript Number, Python int(id, 0)"}, {"rule": "radix", "class": "not-integer", "base": 2, "prefix": "0b", "why": "binary: JavaScript Number, Python int(id, 0)"}, {"rule": "literal", "class": "other-number", "text": "2147483648", "why": "2^31: one past the 32-bit integer range"}, {"rule": "literal", "class": "other-number", "text": "99999999999999999999", "why": "past 64 bits: intval saturates, stricter parsers raise"}, {"rule": "add", "class": "other-number", "value": "4294967296", "why": "the id plus 2^32: wraps to the id in a 32-bit integer"}, {"rule": "add", "class": "other-number", "value": "18446744073709551616", "why": "the id plus 2^64: wraps to the id in a 64-bit integer"}, {"rule": "digits", "class": "other-script", "script": "arabic-indic", "why": "Arabic-Indic digits: Unicode-aware parsers (Java Integer.parseInt, Python int) read 43"}, {"rule": "digits", "class": "other-script", "script": "extended-arabic-indic", "why": "Extended Arabic-Indic digits, as above"}, {"rule": "digits", "class": "other-script", "script": "devanagari", "why": "Devanagari digits, as above"}, {"rule": "digits", "class": "other-script", "script": "fullwidth", "why": "fullwidth digits: as above, and NFKC normalisation turns them into ASCII"}, {"rule": "suffix", "class": "not-integer", "text": ";v=1", "why": "a path parameter: servlet containers drop ;... from a segment"}, {"rule": "pad", "class": "not-integer", "width": 2048, "with": " ", "why": "a 2 KiB identifier: the id after 2046 spaces (sent as %20), which intval and trim() still read as 43"}, {"rule": "pad-end", "class": "other-number", "width": 2048, "with": "0", "why": "a 2 KiB identifier of digits: overflows every integer type, and wraps to 0 in 32 or 64 bits"}]},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "serverError": "warn",
        "state": {"secret": "inactive"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.1 / §15.5.5 (400 or 404); the pages give no status for a malformed identifier"},
          "envelope": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request parameters: identifier is an int, required; 001_6a7bd22861e94e24.txt#Request parameters: the String senhasegura assigned"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request parameters: identifier is an int, required; 001_6a7bd22861e94e24.txt#Request parameters: the String senhasegura assigned"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "identifiers/deactivate.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "identifiers.deactivate",
  "title": "Deactivate with identifiers derived from the fixture's id (043, 43/, 43abc, 4.3e1, -43, id + 2^32, ٤٣, 2 KiB, …), each judged by its class: a non-integer or another number must not act on the fixture, and none may answer success without acting",
  "kind": "contract",
  "tags": ["identifiers", "deactivate", "safety", "negative-space"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Request parameters"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "deactivate with each identifier the rules derive from the active secret's id; read its state after every answer that is not a refusal, and once after the batch",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "each": {"identifier": [{"rule": "suffix", "class": "not-integer", "text": "abc", "why": "PHP intval(\"43abc\") and C atoi stop at the first non-digit: 43"}, {"rule": "prefix", "class": "same-number", "text": "0", "why": "a leading zero: lenient parsers read 43"}, {"rule": "suffix", "class": "same-number", "text": "/", "why": "a trailing slash a router may ignore"}, {"rule": "prefix", "class": "not-integer", "text": " ", "why": "leading white space (sent as %20): intval, atoi and trim() skip it"}, {"rule": "suffix", "class": "not-integer", "text": " ", "why": "trailing white space (sent as %20): trim() removes it"}, {"rule": "prefix", "class": "not-integer", "text": "\t", "why": "a leading tab (sent as %09): intval skips it"}, {"rule": "suffix", "class": "not-integer", "text": "\n", "why": "a trailing line feed (sent as %0A): PHP's /^\\d+$/ matches before a final newline"}, {"rule": "suffix", "class": "not-integer", "text": "\u0000", "why": "a NUL (sent as %00): C strings end there"}, {"rule": "prefix", "class": "same-number", "text": "+", "why": "a plus sign: most integer parsers accept it"}, {"rule": "prefix", "class": "other-number", "text": "-", "why": "a minus sign: a parser that takes the absolute value"}, {"rule": "literal", "class": "other-number", "text": "0", "why": "what intval returns for text without digits"}, {"rule": "exponent", "class": "not-integer", "why": "scientific notation: is_numeric and JavaScript Number read 43"}, {"rule": "suffix", "class": "not-integer", "text": ".", "why": "a trailing dot: float parsers read 43"}, {"rule": "suffix", "class": "not-integer", "text": ".0", "why": "a decimal fraction of zero: float parsers read 43"}, {"rule": "suffix", "class": "not-integer", "text": "e0", "why": "an exponent of zero: float parsers read 43"}, {"rule": "radix", "class": "not-integer", "base": 16, "prefix": "0x", "why": "hexadecimal: strtol with base 0, intval($id, 0), JavaScript Number"}, {"rule": "radix", "class": "not-integer", "base": 8, "prefix": "0o", "why": "octal: JavaScript Number, Python int(id, 0)"}, {"rule": "radix", "class": "not-integer", "base": 2, "prefix": "0b", "why": "binary: JavaScript Number, Python int(id, 0)"}, {"rule": "literal", "class": "other-number", "text": "2147483648", "why": "2^31: one past the 32-bit integer range"}, {"rule": "literal", "class": "other-number", "text": "99999999999999999999", "why": "past 64 bits: intval saturates, stricter parsers raise"}, {"rule": "add", "class": "other-number", "value": "4294967296", "why": "the id plus 2^32: wraps to the id in a 32-bit integer"}, {"rule": "add", "class": "other-number", "value": "18446744073709551616", "why": "the id plus 2^64: wraps to the id in a 64-bit integer"}, {"rule": "digits", "class": "other-script", "script": "arabic-indic", "why": "Arabic-Indic digits: Unicode-aware parsers (Java Integer.parseInt, Python int) read 43"}, {"rule": "digits", "class": "other-script", "script": "extended-arabic-indic", "why": "Extended Arabic-Indic digits, as above"}, {"rule": "digits", "class": "other-script", "script": "devanagari", "why": "Devanagari digits, as above"}, {"rule": "digits", "class": "other-script", "script": "fullwidth", "why": "fullwidth digits: as above, and NFKC normalisation turns them into ASCII"}, {"rule": "suffix", "class": "not-integer", "text": ";v=1", "why": "a path parameter: servlet containers drop ;... from a segment"}, {"rule": "pad", "class": "not-integer", "width": 2048, "with": " ", "why": "a 2 KiB identifier: the id after 2046 spaces (sent as %20), which intval and trim() still read as 43"}, {"rule": "pad-end", "class": "other-number", "width": 2048, "with": "0", "why": "a 2 KiB identifier of digits: overflows every integer type, and wraps to 0 in 32 or 64 bits"}]},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "serverError": "warn",
        "state": {"secret": "active"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.1 / §15.5.5 (400 or 404); the pages give no status for a malformed identifier"},
          "envelope": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request parameters: identifier is an int, required; 001_6a7bd22861e94e24.txt#Request parameters: the String senhasegura assigned"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request parameters: identifier is an int, required; 001_6a7bd22861e94e24.txt#Request parameters: the String senhasegura assigned"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "identifiers/percent-encoded.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "identifiers.percent-encoded",
  "title": "Probe: does the target answer its id with every digit percent-encoded (%34%33) as it answers the id itself? RFC 3986 makes them the same URI",
  "kind": "probe",
  "tags": ["identifiers", "activate", "negative-space"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Request parameters"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Parâmetros de requisição"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate the inactive secret by its id with every digit percent-encoded, then by its id, each from the inactive state, and compare the answers",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "each": {"identifier": [{"rule": "percent-encode", "class": "same-number", "why": "RFC 3986 section 6.2.2.2 makes %34%33 the same URI as 43: a finding only when the two are answered differently"}]},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "serverError": "warn",
        "state": {"secret": "inactive"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.1 / §15.5.5 (400 or 404); the pages give no status for a malformed identifier"},
          "envelope": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request parameters: identifier is an int, required; 001_6a7bd22861e94e24.txt#Request parameters: the String senhasegura assigned"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request parameters: identifier is an int, required; 001_6a7bd22861e94e24.txt#Request parameters: the String senhasegura assigned"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "identifiers/string-identifier.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "identifiers.string-identifier",
  "title": "Probe: what does the target answer for a non-numeric identifier? 001 and 002 type identifier as String, 000, 003 and 004 as int",
  "kind": "probe",
  "tags": ["identifiers", "activate", "drift", "negative-space"],
  "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Request parameters"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Parâmetros de requisição"},
    {"seed": "003_88e9082276f05d47.txt", "section": "Request parameters"}
  ],
  "drift": ["D2"],
  "identities": ["owner"],
  "steps": [
    {
      "name": "activate the identifier \"mysafe-conformance-probe\", which names no secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/mysafe-conformance-probe", "identity": "owner"},
      "expect": {"status": 400, "envelope": "error", "message": {"profile": "error.notFound"}, "fields": {"exception.code": 1005}}
    }
  ]
}

"""#####
        ),
        (
            "lifecycle/reverse-round-trip.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "lifecycle.reverse-round-trip",
  "title": "Deactivate, activate, activate, deactivate, deactivate: the exact message sequence from an active secret",
  "kind": "contract",
  "tags": ["lifecycle", "activate", "deactivate", "idempotency"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Response"},
    {"seed": "003_88e9082276f05d47.txt", "section": "Response"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Resposta"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Deactivate an API secret"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Activate an API secret"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "deactivate the active secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.success"}
      }
    },
    {
      "name": "activate it",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.success"}
      }
    },
    {
      "name": "activate it again",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.alreadyActive"}
      }
    },
    {
      "name": "deactivate it",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.success"}
      }
    },
    {
      "name": "deactivate it again",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.alreadyInactive"},
        "state": {"secret": "inactive"}
      }
    }
  ]
}

"""#####
        ),
        (
            "lifecycle/round-trip.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "lifecycle.round-trip",
  "title": "Activate, deactivate, deactivate, activate, activate: the exact message sequence",
  "kind": "contract",
  "tags": ["lifecycle", "activate", "deactivate", "idempotency"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Response"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Resposta"},
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Response"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Activate an API secret"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Deactivate an API secret"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "activate the inactive secret",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.success"}
      }
    },
    {
      "name": "deactivate it",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.success"}
      }
    },
    {
      "name": "deactivate it again",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.alreadyInactive"}
      }
    },
    {
      "name": "activate it",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.success"}
      }
    },
    {
      "name": "activate it again",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.alreadyActive"},
        "state": {"secret": "active"}
      }
    }
  ]
}

"""#####
        ),
        (
            "methods/activate-route.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "methods.activate-route",
  "title": "GET, PUT, DELETE, PATCH and HEAD on the activate route never succeed and never activate the secret",
  "kind": "contract",
  "tags": ["methods", "activate", "safety", "negative-space"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Request"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Requisição"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Activate an API secret"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "send every method but POST to the activate route of the inactive secret, then read its state once",
      "request": {"path": "/api/mysafe/secretapi/active/{secret}", "identity": "owner"},
      "each": {"method": ["GET", "PUT", "DELETE", "PATCH", "HEAD"]},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "state": {"secret": "inactive"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.6 (405 Method Not Allowed); the pages give no status for another method"},
          "envelope": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request; 000_e35a1aba2a069d21.txt#Request: the only mutating call is POST"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request; 000_e35a1aba2a069d21.txt#Request: the only mutating call is POST"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "methods/deactivate-route.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "methods.deactivate-route",
  "title": "GET, PUT, DELETE, PATCH and HEAD on the deactivate route never succeed and never deactivate the secret",
  "kind": "contract",
  "tags": ["methods", "deactivate", "safety", "negative-space"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Request"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Deactivate an API secret"}
  ],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "send every method but POST to the deactivate route of the active secret, then read its state once",
      "request": {"path": "/api/mysafe/secretapi/inactive/{secret}", "identity": "owner"},
      "each": {"method": ["GET", "PUT", "DELETE", "PATCH", "HEAD"]},
      "expect": {
        "status": "!2xx",
        "envelope": "not-success",
        "state": {"secret": "active"},
        "evidence": {
          "status": {"grade": "inferred", "cite": "RFC 9110 §15.5.6 (405 Method Not Allowed); the pages give no status for another method"},
          "envelope": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request; 000_e35a1aba2a069d21.txt#Request: the only mutating call is POST"},
          "state": {"grade": "documented", "cite": "003_88e9082276f05d47.txt#Request; 000_e35a1aba2a069d21.txt#Request: the only mutating call is POST"}
        }
      }
    }
  ]
}

"""#####
        ),
        (
            "profile.schema.json",
            #####"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "urn:mysafe-conformance:profile.schema.json",
  "title": "mysafe-conformance profile",
  "description": "What one documentation version says the server answers, stored as Cases/profiles/<id>.json. See Cases/README.md.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "id",
    "title",
    "docs"
  ],
  "properties": {
    "$schema": {
      "type": "string",
      "description": "Path of this schema, for editors: \"../profile.schema.json\"."
    },
    "id": {
      "type": "string",
      "pattern": "\\S",
      "description": "The file name without .json, e.g. v3-33."
    },
    "title": {
      "type": "string",
      "pattern": "\\S",
      "description": "Which documentation this profile transcribes."
    },
    "docs": {
      "type": "array",
      "minItems": 1,
      "uniqueItems": true,
      "items": {
        "$ref": "#/$defs/citation"
      },
      "description": "The documents the messages are taken from."
    },
    "inherits": {
      "type": "string",
      "pattern": "\\S",
      "description": "A profile whose messages and gateway texts apply where this one is silent (this profile's keys win)."
    },
    "messages": {
      "type": "object",
      "additionalProperties": false,
      "description": "Exact message texts by key; a key left out is not documented (the answer is recorded as an observation).",
      "properties": {
        "activate.success": {
          "type": "string",
          "minLength": 1
        },
        "activate.alreadyActive": {
          "type": "string",
          "minLength": 1
        },
        "deactivate.success": {
          "type": "string",
          "minLength": 1
        },
        "deactivate.alreadyInactive": {
          "type": "string",
          "minLength": 1
        },
        "error.notFound": {
          "type": "string",
          "minLength": 1
        },
        "error.noAccess": {
          "type": "string",
          "minLength": 1
        },
        "error.unexpected": {
          "type": "string",
          "minLength": 1
        }
      }
    },
    "codeOptionalFor": {
      "type": "array",
      "uniqueItems": true,
      "items": {
        "enum": [
          "activate.success",
          "activate.alreadyActive",
          "deactivate.success",
          "deactivate.alreadyInactive",
          "error.notFound",
          "error.noAccess",
          "error.unexpected"
        ]
      },
      "description": "Message keys whose success answer may omit the top-level code (v3-32 deactivate)."
    },
    "gateway": {
      "type": "object",
      "additionalProperties": false,
      "description": "Accepted gateway texts by key, compared case-insensitively ignoring a trailing full stop.",
      "properties": {
        "noRoute": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "type": "string",
            "pattern": "\\S"
          }
        },
        "notAuthorized": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "type": "string",
            "pattern": "\\S"
          }
        },
        "badGateway": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "type": "string",
            "pattern": "\\S"
          }
        },
        "gatewayTimeout": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "type": "string",
            "pattern": "\\S"
          }
        }
      }
    },
    "identifier": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "docs"
      ],
      "description": "The identifier path parameter's type as this version's pages give it (drift D2); the OpenAPI export types the parameter with it. Inherited from the parent profile when absent (graded inferred).",
      "properties": {
        "type": {
          "enum": [
            "integer",
            "string"
          ],
          "description": "integer (the pages say int) or string (the pages say String)"
        },
        "docs": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "$ref": "#/$defs/citation"
          },
          "description": "The request-parameter sections that give the type."
        }
      }
    },
    "tokenEndpoint": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "method",
        "path",
        "docs"
      ],
      "description": "The token endpoint this version's pages name (drift D5); leave it out when they name none. Inherited from the parent profile when absent (graded inferred).",
      "properties": {
        "method": {
          "enum": [
            "GET",
            "POST"
          ]
        },
        "path": {
          "type": "string",
          "pattern": "^/[^?\\s]*$",
          "description": "An absolute path without query, e.g. /api/oauth2/token."
        },
        "docs": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "$ref": "#/$defs/citation"
          },
          "description": "The sections that name it."
        }
      }
    },
    "evidence": {
      "type": "object",
      "additionalProperties": false,
      "description": "Grades per answer (message keys, and gateway for the gateway's answers). An answer without an entry is documented when the profile gives its message; answers inherited from the parent profile are carried over as inferred at best. See docs/EVIDENCE.md.",
      "properties": {
        "activate.success": {
          "$ref": "#/$defs/answerEvidence"
        },
        "activate.alreadyActive": {
          "$ref": "#/$defs/answerEvidence"
        },
        "deactivate.success": {
          "$ref": "#/$defs/answerEvidence"
        },
        "deactivate.alreadyInactive": {
          "$ref": "#/$defs/answerEvidence"
        },
        "error.notFound": {
          "$ref": "#/$defs/answerEvidence"
        },
        "error.noAccess": {
          "$ref": "#/$defs/answerEvidence"
        },
        "error.unexpected": {
          "$ref": "#/$defs/answerEvidence"
        },
        "gateway": {
          "$ref": "#/$defs/answerEvidence"
        }
      }
    }
  },
  "$defs": {
    "citation": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "seed",
        "section"
      ],
      "description": "A vendor document the case or profile is derived from: the seed file and the heading of the section.",
      "properties": {
        "seed": {
          "type": "string",
          "pattern": "^[0-9]{3}_[0-9a-f]+\\.txt$",
          "description": "File name of the source document in docs/vendor/seeds/, e.g. 000_e35a1aba2a069d21.txt.",
          "examples": [
            "000_e35a1aba2a069d21.txt",
            "001_6a7bd22861e94e24.txt",
            "002_94262b9826fcafb7.txt",
            "003_88e9082276f05d47.txt",
            "004_777cd8f770cc16b5.txt"
          ]
        },
        "section": {
          "type": "string",
          "pattern": "\\S",
          "description": "A heading of that document (a markdown heading, a <summary> title or a bold title), e.g. Errors."
        }
      }
    },
    "answerEvidence": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "status",
        "message",
        "envelope",
        "exception",
        "cite"
      ],
      "description": "What this version's pages establish about one answer.",
      "properties": {
        "status": {
          "enum": [
            "documented",
            "inferred",
            "observed"
          ],
          "description": "the HTTP status"
        },
        "message": {
          "enum": [
            "documented",
            "inferred",
            "observed"
          ],
          "description": "the message text"
        },
        "envelope": {
          "enum": [
            "documented",
            "inferred",
            "observed"
          ],
          "description": "the envelope around the message: code, response.status, error, error_code, detail, the mirrors"
        },
        "exception": {
          "enum": [
            "documented",
            "inferred",
            "absent"
          ],
          "description": "whether this version's example shows an exception block (inferred: carried over from another version)"
        },
        "cite": {
          "type": "string",
          "pattern": "\\S",
          "description": "seed#Heading these grades come from"
        }
      }
    }
  }
}

"""#####
        ),
        (
            "profiles/v3-32.json",
            #####"""
{
  "$schema": "../profile.schema.json",
  "id": "v3-32",
  "title": "senhasegura 3.32 documentation (English and Portuguese MySafe API pages)",
  "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Deactivate an API secret"},
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Activate an API secret"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Inativar um segredo de API"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Ativar um segredo de API"}
  ],
  "messages": {
    "activate.success": "Api secret activated successfully",
    "deactivate.success": "API secret  successfully deactivated",
    "error.notFound": "1005: Api secret not found",
    "error.noAccess": "1006: User does not have access",
    "error.unexpected": "Unexpected error."
  },
  "codeOptionalFor": ["deactivate.success"],
  "gateway": {
    "noRoute": ["No route matched with those values.", "no Route matched with those values"],
    "notAuthorized": ["You are not authorized to access this resource."],
    "badGateway": ["An invalid response was received from the upstream server"],
    "gatewayTimeout": ["The upstream server is timing out"]
  },
  "identifier": {"type": "string", "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Request parameters"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Parâmetros de requisição"}
  ]},
  "tokenEndpoint": {"method": "GET", "path": "/api/oauth2/token", "docs": [
    {"seed": "001_6a7bd22861e94e24.txt", "section": "Authentication"},
    {"seed": "002_94262b9826fcafb7.txt", "section": "Autenticação"}
  ]},
  "evidence": {
    "activate.success": {"status": "documented", "message": "documented", "envelope": "documented", "exception": "absent", "cite": "001_6a7bd22861e94e24.txt#Activate an API secret; 002_94262b9826fcafb7.txt#Ativar um segredo de API"},
    "deactivate.success": {"status": "documented", "message": "documented", "envelope": "documented", "exception": "absent", "cite": "001_6a7bd22861e94e24.txt#Deactivate an API secret; 002_94262b9826fcafb7.txt#Inativar um segredo de API"},
    "error.notFound": {"status": "documented", "message": "documented", "envelope": "documented", "exception": "documented", "cite": "001_6a7bd22861e94e24.txt#In case of error - API secret not found"},
    "error.noAccess": {"status": "documented", "message": "documented", "envelope": "documented", "exception": "documented", "cite": "001_6a7bd22861e94e24.txt#In case of error - user has no access to this API secret"},
    "error.unexpected": {"status": "inferred", "message": "inferred", "envelope": "inferred", "exception": "inferred", "cite": "000_e35a1aba2a069d21.txt#Errors (v3-33): the v3-32 pages document no 500"},
    "gateway": {"status": "inferred", "message": "inferred", "envelope": "inferred", "exception": "absent", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values. (v3-33): the v3-32 pages document no gateway answer"}
  }
}

"""#####
        ),
        (
            "profiles/v3-33.json",
            #####"""
{
  "$schema": "../profile.schema.json",
  "id": "v3-33",
  "title": "senhasegura 3.33 documentation (deactivate in English, activate in Portuguese)",
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Response"},
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Errors"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Resposta"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Erros"}
  ],
  "messages": {
    "activate.success": "Api secret activated successfully",
    "activate.alreadyActive": "Api secret has already been activated",
    "deactivate.success": "Api secret successfully deactivated",
    "deactivate.alreadyInactive": "Api secret has already been deactivated",
    "error.notFound": "1005: Api secret not found",
    "error.noAccess": "1006: User does not have access",
    "error.unexpected": "Unexpected error."
  },
  "gateway": {
    "noRoute": ["No route matched with those values.", "no Route matched with those values"],
    "notAuthorized": ["You are not authorized to access this resource."],
    "badGateway": ["An invalid response was received from the upstream server"],
    "gatewayTimeout": ["The upstream server is timing out"]
  },
  "identifier": {"type": "integer", "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Request parameters"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Parâmetros de requisição"}
  ]},
  "evidence": {
    "activate.success": {"status": "documented", "message": "documented", "envelope": "documented", "exception": "absent", "cite": "004_777cd8f770cc16b5.txt#Resposta"},
    "activate.alreadyActive": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "absent", "cite": "004_777cd8f770cc16b5.txt#Resposta (the note gives status and message only)"},
    "deactivate.success": {"status": "documented", "message": "documented", "envelope": "documented", "exception": "absent", "cite": "000_e35a1aba2a069d21.txt#Response"},
    "deactivate.alreadyInactive": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "absent", "cite": "000_e35a1aba2a069d21.txt#Response (the note gives status and message only)"},
    "error.notFound": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "inferred", "cite": "000_e35a1aba2a069d21.txt#Errors; 004_777cd8f770cc16b5.txt#Erros (status and message only; the body is v3-32's)"},
    "error.noAccess": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "inferred", "cite": "000_e35a1aba2a069d21.txt#Errors; 004_777cd8f770cc16b5.txt#Erros (status and message only; the body is v3-32's)"},
    "error.unexpected": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "inferred", "cite": "000_e35a1aba2a069d21.txt#Errors; 004_777cd8f770cc16b5.txt#Erros (status and message only)"},
    "gateway": {"status": "inferred", "message": "documented", "envelope": "inferred", "exception": "absent", "cite": "000_e35a1aba2a069d21.txt#No route matched with those values.; 004_777cd8f770cc16b5.txt#No route matched with those values. (message only; no status)"}
  }
}

"""#####
        ),
        (
            "profiles/v4.json",
            #####"""
{
  "$schema": "../profile.schema.json",
  "id": "v4",
  "title": "Segura 4 documentation (activate; deactivate inherited from senhasegura 3.33)",
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Response"},
    {"seed": "003_88e9082276f05d47.txt", "section": "Errors"}
  ],
  "inherits": "v3-33",
  "messages": {
    "activate.success": "Api secret activated successfully",
    "activate.alreadyActive": "Api secret has already been activated",
    "error.notFound": "1005: Api secret not found",
    "error.noAccess": "1006: User does not have access",
    "error.unexpected": "Unexpected error."
  },
  "gateway": {
    "noRoute": ["No route matched with those values.", "no Route matched with those values"],
    "notAuthorized": ["You are not authorized to access this resource."],
    "badGateway": ["An invalid response was received from the upstream server"],
    "gatewayTimeout": ["The upstream server is timing out"]
  },
  "identifier": {"type": "integer", "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Request parameters"}
  ]},
  "evidence": {
    "activate.success": {"status": "documented", "message": "documented", "envelope": "documented", "exception": "absent", "cite": "003_88e9082276f05d47.txt#Response"},
    "activate.alreadyActive": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "absent", "cite": "003_88e9082276f05d47.txt#Response (the note gives status and message only)"},
    "error.notFound": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "inferred", "cite": "003_88e9082276f05d47.txt#Errors (status and message only; the body is v3-32's)"},
    "error.noAccess": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "inferred", "cite": "003_88e9082276f05d47.txt#Errors (status and message only; the body is v3-32's)"},
    "error.unexpected": {"status": "documented", "message": "documented", "envelope": "inferred", "exception": "inferred", "cite": "003_88e9082276f05d47.txt#Errors (status and message only)"},
    "gateway": {"status": "inferred", "message": "documented", "envelope": "inferred", "exception": "absent", "cite": "003_88e9082276f05d47.txt#No route matched with those values. (message only; no status)"}
  }
}

"""#####
        ),
        (
            "routes/password-alias-deactivate.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "routes.password-alias-deactivate",
  "title": "Probe: does the target serve the heading route /api/mysafe/password/inactive/{identifier}?",
  "kind": "probe",
  "tags": ["routes", "deactivate", "drift"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Request"},
    {"seed": "000_e35a1aba2a069d21.txt", "section": "Example request"}
  ],
  "drift": ["D1"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "inactive"},
  "steps": [
    {
      "name": "deactivate the inactive secret through the heading route",
      "request": {"method": "POST", "path": "/api/mysafe/password/inactive/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "deactivate.alreadyInactive"},
        "state": {"secret": "unchanged"}
      }
    }
  ]
}

"""#####
        ),
        (
            "routes/password-alias.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "routes.password-alias",
  "title": "Probe: does the target serve the documents' heading route /api/mysafe/password/active/{identifier}?",
  "kind": "probe",
  "tags": ["routes", "activate", "drift"],
  "docs": [
    {"seed": "003_88e9082276f05d47.txt", "section": "Request"},
    {"seed": "003_88e9082276f05d47.txt", "section": "Example request"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Requisição"},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "Exemplo de requisição"}
  ],
  "drift": ["D1"],
  "fixtures": ["secret"],
  "identities": ["owner"],
  "given": {"secret": "active"},
  "steps": [
    {
      "name": "activate the active secret through the heading route",
      "request": {"method": "POST", "path": "/api/mysafe/password/active/{secret}", "identity": "owner"},
      "expect": {
        "status": 200,
        "envelope": "success",
        "message": {"profile": "activate.alreadyActive"},
        "state": {"secret": "unchanged"}
      }
    }
  ]
}

"""#####
        ),
        (
            "routes/unknown.json",
            #####"""
{
  "$schema": "../case.schema.json",
  "id": "routes.unknown",
  "title": "An unknown route is refused with the gateway's answer for a wrong URL (404 by convention)",
  "kind": "contract",
  "tags": ["routes", "gateway"],
  "docs": [
    {"seed": "000_e35a1aba2a069d21.txt", "section": "No route matched with those values."},
    {"seed": "003_88e9082276f05d47.txt", "section": "No route matched with those values."},
    {"seed": "004_777cd8f770cc16b5.txt", "section": "No route matched with those values."}
  ],
  "identities": ["owner"],
  "steps": [
    {
      "name": "POST to a MySafe route that does not exist",
      "request": {"method": "POST", "path": "/api/mysafe/secretapi/no-such-operation", "identity": "owner"},
      "expect": {
        "status": 404,
        "envelope": "gateway",
        "message": {"gateway": ["noRoute", "notAuthorized"]},
        "evidence": {
          "status": {"grade": "inferred", "cite": "the Kong gateway answers 404 to an unknown route; the seeds give no status for 'incorrect URL'"}
        }
      }
    }
  ]
}

"""#####
        ),
    ]
}
