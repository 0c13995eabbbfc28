//! The audit-log page: newest first, filtered by person, object and action.

use super::{fetch_audit_log, AuditPage};
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("person"),
                q.get("objekt"),
                q.get("aktion"),
                q.get("vor").and_then(|s| s.parse::<i64>().ok()),
            )
        },
        |(person, object, action, before)| fetch_audit_log(person, object, action, before),
    );
    let current = move |key: &str| query.read().get(key).unwrap_or_default();
    view! {
        <Title text="Protokoll" />
        <LoadedPage title="Protokoll" data render=move |page: AuditPage| {
            let (person, object, action) = (current("person"), current("objekt"), current("aktion"));
            let filter = format!(
                "person={}&objekt={}&aktion={}",
                urlencode(&person), urlencode(&object), urlencode(&action)
            );
            view! {
                <h1>"Protokoll"</h1>
                <p>"Jede Aktion mit Person, Zeitpunkt (Europe/Berlin), Ergebnis und Anfrage-Kennung; neueste zuerst."</p>
                <form method="get" action="/protokoll" class="filter-form">
                    <div class="field">
                        <label for="person">"Person (Benutzername)"</label>
                        <input id="person" name="person" type="text" value=person.clone() />
                    </div>
                    <div class="field">
                        <label for="objekt">"Objekt beginnt mit"</label>
                        <p class="field__hint" id="objekt-hinweis">"z. B. auftrag:ÄA-2026-000012 oder benutzer:aa-kiel"</p>
                        <input id="objekt" name="objekt" type="text" aria-describedby="objekt-hinweis" value=object.clone() />
                    </div>
                    <div class="field">
                        <label for="aktion">"Aktion"</label>
                        <p class="field__hint" id="aktion-hinweis">"z. B. auftrag-genehmigen, anmeldung, zugriff"</p>
                        <input id="aktion" name="aktion" type="text" aria-describedby="aktion-hinweis" value=action.clone() />
                    </div>
                    <button type="submit" class="button">"Filtern"</button>
                </form>
                {if page.lines.is_empty() {
                    view! { <p role="status">"Keine Einträge gefunden."</p> }.into_any()
                } else {
                    view! {
                        <table>
                            <caption>"Protokolleinträge"</caption>
                            <thead><tr>
                                <th scope="col">"Zeitpunkt"</th><th scope="col">"Person"</th><th scope="col">"Aktion"</th>
                                <th scope="col">"Objekt"</th><th scope="col">"Ergebnis"</th><th scope="col">"Einzelheiten"</th>
                            </tr></thead>
                            <tbody>
                                {page.lines.into_iter().map(|l| view! {
                                    <tr>
                                        <td>{l.at}</td>
                                        <td>{l.actor}</td>
                                        <td>{l.action}</td>
                                        <td class="address">{l.object}</td>
                                        <td>{l.outcome}</td>
                                        <td>{l.detail}<br /><span class="small">{format!("Anfrage {}", l.request_id)}</span></td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                {page.older.map(|older| view! {
                    <p><a href=format!("/protokoll?{filter}&vor={older}")>"Ältere Einträge"</a></p>
                })}
            }
        } />
    }
}

/// Percent-encodes a query value (object names contain "Ä" and ":").
fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
