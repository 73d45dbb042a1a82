import Vapor

/// Serves the OpenAPI 3 description of `/api/v1`. A test walks every path in it against the
/// running app, so the document cannot drift from what the server does.
enum OpenAPIController {
    @Sendable static func document(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: OpenAPIDocument.json))
    }
}

enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "Resettle API",
        "version": "1.0.0",
        "description": "水库移民后期扶持综合管理系统 JSON API. Authenticate with the session cookie (and X-CSRF-Token on writes) or with `Authorization: Bearer <token>` (create one with `resettle user token`). Township users see only their township; other townships' records answer 404."
      },
      "servers": [{"url": "/api/v1"}],
      "security": [{"bearer": []}, {"session": []}],
      "paths": {
        "/people": {
          "get": {
            "summary": "Search the register",
            "parameters": [
              {"name": "q", "in": "query", "schema": {"type": "string"}, "description": "name prefix, full resident ID, or its last digits"},
              {"name": "township", "in": "query", "schema": {"type": "string"}},
              {"name": "village", "in": "query", "schema": {"type": "string"}},
              {"name": "status", "in": "query", "schema": {"$ref": "#/components/schemas/PersonStatus"}},
              {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
              {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}}
            ],
            "responses": {
              "200": {"description": "a page of people", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PersonPage"}}}},
              "401": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/people/{id}": {
          "get": {
            "summary": "One person, by record id or resident ID number",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {
              "200": {"description": "the person", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PersonDetail"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/households/{id}": {
          "get": {
            "summary": "A household with its members",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
              "200": {"description": "the household", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Household"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/changes": {
          "get": {
            "summary": "List change requests",
            "parameters": [
              {"name": "status", "in": "query", "schema": {"type": "string", "description": "a ChangeStatus or `open`"}},
              {"name": "kind", "in": "query", "schema": {"$ref": "#/components/schemas/ChangeKind"}},
              {"name": "year", "in": "query", "schema": {"type": "integer"}, "description": "year the request was decided"},
              {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}
            ],
            "responses": {
              "200": {"description": "a page of change requests", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChangePage"}}}}
            }
          },
          "post": {
            "summary": "Submit a reduction, restoration or correction (notice posted)",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreateChange"}}}},
            "responses": {
              "201": {"description": "created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Change"}}}},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/changes/{id}": {
          "get": {
            "summary": "One change request with its steps",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
              "200": {"description": "the change", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Change"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/changes/{id}/actions": {
          "post": {
            "summary": "Township review, county approval, or withdrawal; submitter, reviewer and approver must be three different users (409 otherwise)",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChangeAction"}}}},
            "responses": {
              "200": {"description": "the change after the action", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Change"}}}},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/rolls": {
          "get": {
            "summary": "Payment rolls, newest period first",
            "responses": {"200": {"description": "rolls", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RollList"}}}}}
          },
          "post": {
            "summary": "Generate (or regenerate the draft of) the roll of a period",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["period"], "properties": {"period": {"type": "string", "example": "2022Q3"}}}}}},
            "responses": {
              "201": {"description": "the roll", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Roll"}}}},
              "403": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/rolls/{id}": {
          "get": {
            "summary": "One roll with payees and money by village (a township user sees its own villages only)",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
              "200": {"description": "the roll", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RollDetail"}}}},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/rolls/{id}/approve": {
          "post": {
            "summary": "Approve and lock a draft roll (leader or admin, not the person who generated it)",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
              "200": {"description": "the approved roll", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Roll"}}}},
              "403": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/rolls/{id}/results": {
          "get": {
            "summary": "Bank results imported for a roll, each with its reconciliation counts",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
              "200": {"description": "results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReconciliationList"}}}},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/results/{id}/reconciliation": {
          "get": {
            "summary": "Reconciliation counts of one bank result against its roll",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "format": "uuid"}}],
            "responses": {
              "200": {"description": "counts per kind", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Reconciliation"}}}},
              "403": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {
          "bearer": {"type": "http", "scheme": "bearer"},
          "session": {"type": "apiKey", "in": "cookie", "name": "resettle_session"}
        },
        "responses": {
          "Error": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Roll": {
            "type": "object",
            "required": ["id", "period", "status", "amount_per_period_fen", "policy_effective_from", "line_count", "total_fen", "excluded_count", "generated_by"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "period": {"type": "string"}, "status": {"type": "string", "enum": ["draft", "approved"]},
              "amount_per_period_fen": {"type": "integer"}, "policy_effective_from": {"type": "string", "format": "date"},
              "line_count": {"type": "integer"}, "total_fen": {"type": "integer"}, "excluded_count": {"type": "integer"},
              "township_code": {"type": "string", "nullable": true, "description": "the township line_count, total_fen and excluded_count are counted for (a township user's); null when they are the whole county's"},
              "generated_by": {"type": "string"}, "approved_by": {"type": "string", "nullable": true}
            }
          },
          "RollList": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Roll"}}}},
          "RollDetail": {
            "type": "object", "required": ["roll", "totals", "exclusions"],
            "properties": {
              "roll": {"$ref": "#/components/schemas/Roll"},
              "totals": {"type": "array", "items": {"type": "object", "required": ["township_code", "village_code", "people", "amount_fen"],
                "properties": {"township_code": {"type": "string"}, "village_code": {"type": "string"}, "people": {"type": "integer"}, "amount_fen": {"type": "integer"}}}},
              "exclusions": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "reason (notApproved, reduced, suspended, deceased, outsideWindow, noAccount) → people"}
            }
          },
          "Reconciliation": {
            "type": "object",
            "required": ["id", "roll_id", "file_name", "sha256", "row_count", "failed_count", "paid_fen", "difference_count", "exact_match", "counts"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "roll_id": {"type": "string", "format": "uuid"}, "file_name": {"type": "string"},
              "sha256": {"type": "string"}, "row_count": {"type": "integer"}, "failed_count": {"type": "integer"}, "paid_fen": {"type": "integer"},
              "difference_count": {"type": "integer"}, "exact_match": {"type": "boolean"},
              "counts": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "duplicate_in_roll, duplicate_in_paid, in_roll_not_paid, paid_not_in_roll, name_mismatch, card_mismatch, amount_mismatch, payment_failed → count"}
            }
          },
          "ReconciliationList": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Reconciliation"}}}},
          "Error": {"type": "object", "required": ["error", "message"], "properties": {"error": {"type": "string"}, "message": {"type": "string"}}},
          "PersonStatus": {"type": "string", "enum": ["pending", "active", "suspended", "reduced"]},
          "ChangeKind": {"type": "string", "enum": ["addition", "reduction", "restoration", "correction"]},
          "ChangeStatus": {"type": "string", "enum": ["noticePosted", "awaitingCounty", "approved", "rejected", "withdrawn"]},
          "PersonSummary": {
            "type": "object",
            "required": ["id", "id_number", "name", "sex", "township_code", "village_code", "status"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "id_number": {"type": "string"}, "name": {"type": "string"},
              "sex": {"type": "string", "enum": ["male", "female"]}, "township_code": {"type": "string"},
              "village_code": {"type": "string"}, "status": {"$ref": "#/components/schemas/PersonStatus"}
            }
          },
          "PersonPage": {
            "type": "object", "required": ["total", "page", "per_page", "items"],
            "properties": {"total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
              "items": {"type": "array", "items": {"$ref": "#/components/schemas/PersonSummary"}}}
          },
          "StatusEvent": {
            "type": "object", "required": ["status", "effective_period", "effective_from", "note"],
            "properties": {"status": {"$ref": "#/components/schemas/PersonStatus"}, "effective_period": {"type": "string"},
              "effective_from": {"type": "string", "format": "date"}, "note": {"type": "string"}}
          },
          "PersonDetail": {
            "type": "object",
            "required": ["id", "id_number", "name", "sex", "birth_date", "relation", "household_id", "township_code", "village_code", "reservoir", "resettlement_type", "support_start", "support_end", "status", "status_history"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "id_number": {"type": "string"}, "name": {"type": "string"},
              "sex": {"type": "string"}, "birth_date": {"type": "string", "format": "date"}, "relation": {"type": "string"},
              "household_id": {"type": "string", "format": "uuid"}, "township_code": {"type": "string"},
              "village_code": {"type": "string"}, "group_code": {"type": "string", "nullable": true},
              "reservoir": {"type": "string"}, "resettlement_type": {"type": "string", "enum": ["existing", "relocated"]},
              "move_completed_on": {"type": "string", "format": "date", "nullable": true},
              "support_start": {"type": "string", "format": "date"}, "support_end": {"type": "string", "format": "date"},
              "status": {"$ref": "#/components/schemas/PersonStatus"}, "status_effective": {"type": "string", "nullable": true},
              "bank_name": {"type": "string", "nullable": true}, "card_number": {"type": "string", "nullable": true},
              "phone": {"type": "string", "nullable": true},
              "status_history": {"type": "array", "items": {"$ref": "#/components/schemas/StatusEvent"}}
            }
          },
          "Household": {
            "type": "object", "required": ["id", "head_id_number", "township_code", "village_code", "members"],
            "properties": {"id": {"type": "string", "format": "uuid"}, "head_id_number": {"type": "string"},
              "township_code": {"type": "string"}, "village_code": {"type": "string"}, "group_code": {"type": "string", "nullable": true},
              "members": {"type": "array", "items": {"$ref": "#/components/schemas/PersonSummary"}}}
          },
          "ChangeStep": {
            "type": "object", "required": ["action", "from_status", "to_status", "actor", "opinion", "acted_on"],
            "properties": {"action": {"type": "string"}, "from_status": {"type": "string"}, "to_status": {"type": "string"},
              "actor": {"type": "string"}, "opinion": {"type": "string"}, "acted_on": {"type": "string", "format": "date"}}
          },
          "Change": {
            "type": "object",
            "required": ["id", "person_id", "township_code", "kind", "reason_text", "evidence", "corrections", "notice_start", "notice_end", "status", "submitted_by", "submitted_on"],
            "properties": {
              "id": {"type": "string", "format": "uuid"}, "person_id": {"type": "string", "format": "uuid"},
              "township_code": {"type": "string"}, "kind": {"$ref": "#/components/schemas/ChangeKind"},
              "reason": {"type": "string", "nullable": true, "enum": ["death", "publicEmployment", "officerPromotion", "nonAgricultural", "imprisonment", "marriedOut", "duplicateOrWrong", "other", null]},
              "reason_text": {"type": "string"}, "evidence": {"type": "string"},
              "corrections": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}}},
              "notice_start": {"type": "string", "format": "date"}, "notice_end": {"type": "string", "format": "date"},
              "notice_reason": {"type": "string", "nullable": true, "description": "why the notice started before the request was filed"},
              "status": {"$ref": "#/components/schemas/ChangeStatus"}, "submitted_by": {"type": "string"},
              "submitted_on": {"type": "string", "format": "date"}, "decided_on": {"type": "string", "nullable": true},
              "effective_period": {"type": "string", "nullable": true},
              "steps": {"type": "array", "items": {"$ref": "#/components/schemas/ChangeStep"}}
            }
          },
          "ChangePage": {
            "type": "object", "required": ["total", "page", "per_page", "items"],
            "properties": {"total": {"type": "integer"}, "page": {"type": "integer"}, "per_page": {"type": "integer"},
              "items": {"type": "array", "items": {"$ref": "#/components/schemas/Change"}}}
          },
          "CreateChange": {
            "type": "object", "required": ["person", "kind", "notice_start", "notice_end"],
            "properties": {
              "person": {"type": "string", "description": "record id or resident ID number"},
              "kind": {"type": "string", "enum": ["reduction", "restoration", "correction"]},
              "reason": {"type": "string", "enum": ["death", "publicEmployment", "officerPromotion", "nonAgricultural", "imprisonment", "marriedOut", "duplicateOrWrong", "other"]},
              "reason_text": {"type": "string"}, "evidence": {"type": "string"},
              "notice_start": {"type": "string", "format": "date"}, "notice_end": {"type": "string", "format": "date"},
              "notice_reason": {"type": "string", "description": "required when notice_start is before the day of filing"},
              "corrections": {"type": "object", "additionalProperties": {"type": "string"}, "description": "field (name, bank_name, card_number, phone) → new value"}
            }
          },
          "ChangeAction": {
            "type": "object", "required": ["action"],
            "properties": {"action": {"type": "string", "enum": ["townshipApprove", "townshipReject", "countyApprove", "countyReject", "withdraw"]}, "opinion": {"type": "string"}}
          }
        }
      }
    }
    """#
}
