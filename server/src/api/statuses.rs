//! The error statuses every operation can answer, added to the document in one place so
//! no handler can forget one. Each is `application/problem+json` (problem.rs).

use super::problem::Problem;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{ContentBuilder, OpenApi, PathItem, Ref, RefOr, ResponseBuilder};
use utoipa::{PartialSchema, ToSchema};

/// Statuses of every operation: bad query (400), credentials (401), scope (403), unknown
/// object (404), invalid fields or control characters (422), rate limit (429), and the
/// server's own failure (500).
const ALWAYS: [u16; 7] = [400, 401, 403, 404, 422, 429, 500];
/// With a request body: too large (413), not JSON (415), and a state that does not allow
/// the change (409).
const WITH_BODY: [u16; 3] = [409, 413, 415];
/// With `If-Match`: stale (412) or missing (428); a state that does not allow it (409).
const WITH_PRECONDITION: [u16; 3] = [409, 412, 428];

fn description(status: u16) -> &'static str {
    match status {
        400 => "Abfrageparameter passen nicht, oder der Body ist kein gültiges JSON",
        401 => "Nicht angemeldet, oder die Anmeldedaten sind ungültig",
        403 => "Keine Berechtigung (Rolle oder Zuständigkeit)",
        404 => "Nicht gefunden",
        409 => "Konflikt mit dem Zustand (z. B. Auftrag nicht mehr änderbar)",
        412 => "If-Match nennt nicht mehr die Revision des Auftrags",
        413 => "Anfrage zu groß",
        415 => "Kein JSON (Content-Type: application/json)",
        422 => "Ungültige Eingaben; `errors` nennt die Felder",
        428 => "If-Match fehlt",
        429 => "Zu viele Anfragen (Retry-After nennt die Wartezeit in Sekunden)",
        _ => "Interner Fehler; `detail` nennt die Fehlerkennung",
    }
}

/// Adds the statuses to every operation and the problem schema to the components.
pub fn document(api: &mut OpenApi) {
    for item in api.paths.paths.values_mut() {
        for op in operations(item) {
            let has_body = op.request_body.is_some();
            let has_precondition = op.parameters.iter().flatten().any(|p| {
                p.parameter_in == ParameterIn::Header && p.name.eq_ignore_ascii_case("if-match")
            });
            let mut statuses: Vec<u16> = ALWAYS.to_vec();
            if has_body {
                statuses.extend(WITH_BODY);
            }
            if has_precondition {
                statuses.extend(WITH_PRECONDITION);
            }
            for status in statuses {
                op.responses
                    .responses
                    .insert(status.to_string(), RefOr::T(problem(status)));
            }
        }
    }
    let components = api.components.get_or_insert_with(Default::default);
    let mut schemas = Vec::new();
    <Problem as ToSchema>::schemas(&mut schemas);
    schemas.push((
        <Problem as ToSchema>::name().into_owned(),
        <Problem as PartialSchema>::schema(),
    ));
    components.schemas.extend(schemas);
}

fn problem(status: u16) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description(status))
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}
