//! The history of one mailbox's "E-Mail-Kommunikation": every version, who wrote it,
//! through which order, and how long it was valid.

use super::{fetch_setting_history, SettingHistory};
use crate::orders::order_href;
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn SettingHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || {
            params
                .read()
                .get("eintrag")
                .and_then(|s| s.parse::<i64>().ok())
                .unwrap_or(0)
        },
        fetch_setting_history,
    );
    view! { <LoadedPage title="Verlauf der E-Mail-Kommunikation" data render=history_view /> }
}

fn history_view(h: SettingHistory) -> impl IntoView {
    let title = format!("E-Mail-Kommunikation: {}", h.mailbox);
    let office_href = format!("/organisation/dienststelle/{}", h.office_code);
    let entry_id = h.entry_id;
    view! {
        <Title text=title.clone() />
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol>
                <li><a href="/organisation">"Organisation"</a></li>
                <li><a href=office_href>{format!("Dienststelle {}", h.office_name)}</a></li>
                <li aria-current="page">{h.mailbox.clone()}</li>
            </ol>
        </nav>
        <h1>{title}</h1>
        <p>{h.kind_label.clone()}" – "<span class="address">{h.address.clone()}</span></p>
        {h.lock.map(|lock| view! { <p class="notice" role="note">{lock}</p> })}
        <table>
            <caption>"Versionen, neueste zuerst"</caption>
            <thead><tr>
                <th scope="col">"Version"</th><th scope="col">"Einstellung"</th>
                <th scope="col">"Gültig ab"</th><th scope="col">"Gültig bis"</th>
                <th scope="col">"Auftrag"</th><th scope="col">"Von"</th><th scope="col">"Begründung"</th>
            </tr></thead>
            <tbody>
                {h.versions.into_iter().map(|v| view! {
                    <tr>
                        <th scope="row">{format!("Version {}", v.version)}</th>
                        <td>{v.mode}</td>
                        <td>{v.valid_from}</td>
                        <td>{v.valid_until.unwrap_or_else(|| "gültig".to_string())}</td>
                        <td>{match v.order {
                            Some(n) => view! { <a href=order_href(&n)>{n.clone()}</a> }.into_any(),
                            None => view! { "–" }.into_any(),
                        }}</td>
                        <td>{v.by}</td>
                        <td>{v.note}
                            {v.can_restore.then(|| view! {
                                <br /><a href=format!("/auftraege/neu?einstellung={entry_id}&version={}", v.version)>
                                    {format!("Version {} als Entwurf wiederherstellen", v.version)}
                                </a>
                            })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
