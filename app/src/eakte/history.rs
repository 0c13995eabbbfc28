//! The history of one eAkte rule: every Postkorb it sent to, who changed it, through
//! which order, and how long each version was valid.

use super::{fetch_eakte_history, EakteHistory};
use crate::orders::order_href;
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn EakteHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("eintrag")
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0)
        },
        fetch_eakte_history,
    );
    view! { <LoadedPage title="Verlauf der eAkte-Regel" data render=history_view /> }
}

fn history_view(h: EakteHistory) -> impl IntoView {
    let entry_id = h.entry_id;
    let title = format!("eAkte-Regel: {}", h.rule);
    let agency_href = format!("/organisation/agentur/{}", h.agency_code);
    let rules_href = format!("/routing/agentur/{}#eakte-regelwerk", h.agency_code);
    view! {
        <Title text=title.clone() />
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol>
                <li><a href="/organisation">"Organisation"</a></li>
                <li><a href=agency_href>{h.agency_name.clone()}</a></li>
                <li><a href=rules_href>"eAkte-Regelwerk"</a></li>
                <li aria-current="page">{h.rule.clone()}</li>
            </ol>
        </nav>
        <h1>{title}</h1>
        <table>
            <caption>"Versionen, neueste zuerst"</caption>
            <thead><tr>
                <th scope="col">"Version"</th><th scope="col">"Ziel-Postkorb"</th>
                <th scope="col">"Gültig ab"</th><th scope="col">"Gültig bis"</th>
                <th scope="col">"Auftrag"</th><th scope="col">"Von"</th><th scope="col">"Begründung"</th>
            </tr></thead>
            <tbody>
                {h.versions.into_iter().map(|v| view! {
                    <tr>
                        <th scope="row">{format!("Version {}", v.version)}</th>
                        <td>{v.postkorb}</td>
                        <td>{v.valid_from}</td>
                        <td>{v.valid_until.unwrap_or_else(|| "gültig".to_string())}</td>
                        <td>{match v.order {
                            Some(n) => view! { <a href=order_href(&n)>{n.clone()}</a> }.into_any(),
                            None => view! { "–" }.into_any(),
                        }}</td>
                        <td>{v.by}</td>
                        <td>{v.note}
                            {v.can_restore.then(|| view! {
                                <br /><a href=format!("/auftraege/neu?regel={entry_id}&version={}", v.version)>
                                    {format!("Version {} als Entwurf wiederherstellen", v.version)}
                                </a>
                            })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
