//! Routing pages: the configuration of a Dienststelle (live or on a date) and the
//! history of one entry with a comparison of two versions.

use super::{
    fetch_agency_routing, fetch_entry_history, fetch_office_routing, AgencyRouting, EntryHistory,
    MailboxSettingRow, OfficeRouting, RoutingRow,
};
use crate::eakte::EakteRuleRow;
use crate::ui::layout::LoadedPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page's key: the code in the path and the optional `?stand=` date.
fn code_and_stand() -> impl Fn() -> (String, Option<String>) + Send + Sync + 'static {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        (
            params.read().get("code").unwrap_or_default(),
            query.read().get("stand"),
        )
    }
}

#[component]
pub fn OfficeRoutingPage() -> impl IntoView {
    let data = Resource::new(code_and_stand(), |(code, stand)| {
        fetch_office_routing(code, stand)
    });
    view! { <LoadedPage title="Routing" data render=office_routing_view /> }
}

fn office_routing_view(r: OfficeRouting) -> impl IntoView {
    let title = format!("Routing der Dienststelle {}", r.office_name);
    let office_href = format!("/organisation/dienststelle/{}", r.office_code);
    let agency_href = format!("/organisation/agentur/{}", r.agency_code);
    let form_action = format!("/routing/dienststelle/{}", r.office_code);
    let stand_value = r.as_of.clone().unwrap_or_default();
    let empty = r.rows.is_empty();
    view! {
        <Title text=title.clone() />
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol>
                <li><a href="/organisation">"Organisation"</a></li>
                <li><a href=agency_href>{r.agency_name.clone()}</a></li>
                <li><a href=office_href>{r.office_name.clone()}</a></li>
                <li aria-current="page">"Routing"</li>
            </ol>
        </nav>
        <h1>{title}</h1>
        {stand_form(form_action, stand_value, r.as_of.clone(), empty)}
        {routing_table("Routing je Anliegen".to_string(), r.rows)}
    }
}

/// The "as of a date" form, and what the page shows.
fn stand_form(action: String, value: String, as_of: Option<String>, empty: bool) -> impl IntoView {
    view! {
        <form method="get" action=action.clone() class="search-form">
            <label for="stand">"Stand am (TT.MM.JJJJ)"</label>
            <p class="field__hint" id="stand-hinweis">"Zeigt die Konfiguration, wie sie am Ende dieses Tages galt."</p>
            <div class="search-form__row">
                <input id="stand" name="stand" type="text" inputmode="numeric" maxlength=10
                    aria-describedby="stand-hinweis" value=value />
                <button type="submit" class="button">"Anzeigen"</button>
            </div>
        </form>
        {match as_of {
            Some(d) => view! {
                <p class="notice" role="status">
                    "Konfiguration am " {d} " (Tagesende). " <a href=action>"Aktuellen Stand anzeigen"</a>
                </p>
            }.into_any(),
            None => view! { <p>"Aktuell gültige Konfiguration."</p> }.into_any(),
        }}
        {empty.then(|| view! {
            <p class="notice" role="status">"Für diesen Tag gibt es keine Konfiguration: das Routing wurde erst später erfasst."</p>
        })}
    }
}

fn routing_table(caption: String, rows: Vec<RoutingRow>) -> impl IntoView {
    view! {
        <table>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Anliegen"</th>
                    <th scope="col">"Zielpostfach"</th>
                    <th scope="col">"Bereich"</th>
                    <th scope="col">"Benachrichtigung"</th>
                    <th scope="col">"Version"</th>
                    <th scope="col">"Offener Auftrag"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>
                        <th scope="row">{row.concern}<br /><span class="small">{row.customer_group}</span></th>
                        <td>{row.mailbox_name}<br /><span class="small address">{row.mailbox_address}</span></td>
                        <td>{row.area_name}</td>
                        <td class="address">{row.addresses.join(", ")}</td>
                        {version_and_order_cells(format!("/routing/eintrag/{}", row.entry_id), row.version, row.valid_from, row.open_order)}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn AgencyRoutingPage() -> impl IntoView {
    let data = Resource::new(code_and_stand(), |(code, stand)| {
        fetch_agency_routing(code, stand)
    });
    view! { <LoadedPage title="Routing der Agentur" data render=agency_routing_view /> }
}

fn agency_routing_view(r: AgencyRouting) -> impl IntoView {
    let title = format!("Routing der {}", r.agency_name);
    let agency_href = format!("/organisation/agentur/{}", r.agency_code);
    let form_action = format!("/routing/agentur/{}", r.agency_code);
    let stand_value = r.as_of.clone().unwrap_or_default();
    let empty = r.rows.is_empty();
    // One table per Dienststelle, in the order the query returns them.
    let mut offices: Vec<(String, String, Vec<RoutingRow>)> = Vec::new();
    for row in r.rows {
        match offices.last_mut() {
            Some((code, _, rows)) if *code == row.office_code => rows.push(row),
            _ => offices.push((row.office_code.clone(), row.office_name.clone(), vec![row])),
        }
    }
    view! {
        <Title text=title.clone() />
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol>
                <li><a href="/organisation">"Organisation"</a></li>
                <li><a href=agency_href>{r.agency_name.clone()}</a></li>
                <li aria-current="page">"Routing"</li>
            </ol>
        </nav>
        <h1>{title}</h1>
        {stand_form(form_action, stand_value, r.as_of.clone(), empty)}
        {offices.into_iter().map(|(code, name, rows)| view! {
            <h2 id=format!("dst-{code}")>{format!("Dienststelle {name}")}</h2>
            {routing_table(format!("Routing der Dienststelle {name} je Anliegen"), rows)}
        }).collect_view()}
        {settings_section(r.settings)}
        {eakte_section(r.eakte_rules)}
    }
}

/// The agency's eAkte rules with their Ziel-Postkorb at the page's date.
fn eakte_section(rows: Vec<EakteRuleRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| view! {
        <h2 id="eakte-regelwerk">"eAkte-Regelwerk"</h2>
        <table>
            <caption>"Ziel-Postkorb je Aktentyp, Dokumenttyp und Dokumentart"</caption>
            <thead>
                <tr>
                    <th scope="col">"Dokumenttyp"</th>
                    <th scope="col">"Aktentyp"</th>
                    <th scope="col">"Dokumentart"</th>
                    <th scope="col">"Ziel-Postkorb"</th>
                    <th scope="col">"Version"</th>
                    <th scope="col">"Offener Auftrag"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>
                        <th scope="row">{row.document_type}</th>
                        <td>{row.file_type}</td>
                        <td>{row.document_kind}</td>
                        <td>{row.postkorb}</td>
                        {version_and_order_cells(format!("/eakte-regel/{}", row.entry_id), row.version, row.valid_from, row.open_order)}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    })
}

/// The agency's mailboxes with their "E-Mail-Kommunikation" at the page's date.
fn settings_section(rows: Vec<MailboxSettingRow>) -> impl IntoView {
    (!rows.is_empty()).then(|| view! {
        <h2 id="e-mail-kommunikation">"E-Mail-Kommunikation der Postfächer"</h2>
        <table>
            <caption>"E-Mail-Kommunikation je Postfach"</caption>
            <thead>
                <tr>
                    <th scope="col">"Postfach"</th>
                    <th scope="col">"Dienststelle"</th>
                    <th scope="col">"E-Mail-Kommunikation"</th>
                    <th scope="col">"Version"</th>
                    <th scope="col">"Offener Auftrag"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>
                        <th scope="row">{row.mailbox_name}<br /><span class="small address">{row.mailbox_address}</span><br /><span class="small">{row.kind_label}</span></th>
                        <td>{row.office_name}</td>
                        <td>{row.mode}</td>
                        {version_and_order_cells(format!("/postfach-einstellung/{}", row.entry_id), row.version, row.valid_from, row.open_order)}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    })
}

#[component]
pub fn EntryHistoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                params
                    .read()
                    .get("id")
                    .and_then(|s| s.parse::<i64>().ok())
                    .unwrap_or(0),
                q.get("von").and_then(|s| s.parse::<i64>().ok()),
                q.get("bis").and_then(|s| s.parse::<i64>().ok()),
            )
        },
        |(id, from, to)| fetch_entry_history(id, from, to),
    );
    view! { <LoadedPage title="Verlauf" data render=history_view /> }
}

fn version_options(numbers: &[i64], selected: i64) -> impl IntoView {
    numbers
        .iter()
        .map(|n| view! { <option value=n.to_string() selected=*n == selected>{format!("Version {n}")}</option> })
        .collect_view()
}

fn history_view(h: EntryHistory) -> impl IntoView {
    let title = format!("Verlauf: {} – Dienststelle {}", h.concern, h.office_name);
    let numbers: Vec<i64> = h.versions.iter().map(|v| v.number).collect();
    let (from, to) = h.comparison.as_ref().map(|c| (c.from, c.to)).unwrap_or((
        numbers.last().copied().unwrap_or(1),
        numbers.first().copied().unwrap_or(1),
    ));
    let action = format!("/routing/eintrag/{}", h.entry_id);
    let routing_href = format!("/routing/dienststelle/{}", h.office_code);
    let live = numbers.first().copied().unwrap_or(1);
    let (entry_id, can_restore) = (h.entry_id, h.can_restore);
    view! {
        <Title text=title.clone() />
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol>
                <li><a href="/organisation">"Organisation"</a></li>
                <li><a href=routing_href>{format!("Routing {}", h.office_name)}</a></li>
                <li aria-current="page">{h.concern.clone()}</li>
            </ol>
        </nav>
        <h1>{title}</h1>
        <section class="panel" aria-labelledby="vergleich">
            <h2 id="vergleich">"Versionen vergleichen"</h2>
            <form method="get" action=action class="compare-form">
                <label for="von">"Von"</label>
                <select id="von" name="von">{version_options(&numbers, from)}</select>
                <label for="bis">"Bis"</label>
                <select id="bis" name="bis">{version_options(&numbers, to)}</select>
                <button type="submit" class="button">"Vergleichen"</button>
            </form>
            {match h.comparison {
                None => view! { <p>"Es gibt nur eine Version – nichts zu vergleichen."</p> }.into_any(),
                Some(c) if c.changes.is_empty() => view! {
                    <p>{format!("Version {} und Version {} sind gleich.", c.from, c.to)}</p>
                }.into_any(),
                Some(c) => view! {
                    <table>
                        <caption>{format!("Unterschiede zwischen Version {} und Version {}", c.from, c.to)}</caption>
                        <thead><tr>
                            <th scope="col">"Feld"</th>
                            <th scope="col">{format!("Version {}", c.from)}</th>
                            <th scope="col">{format!("Version {}", c.to)}</th>
                        </tr></thead>
                        <tbody>
                            {c.changes.into_iter().map(|ch| view! {
                                <tr>
                                    <th scope="row">{ch.field}</th>
                                    <td class="address"><del>{ch.before}</del></td>
                                    <td class="address"><ins>{ch.after}</ins></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
        <table>
            <caption>"Alle Versionen"</caption>
            <thead><tr>
                <th scope="col">"Version"</th>
                <th scope="col">"Gültig"</th>
                <th scope="col">"Zielpostfach"</th>
                <th scope="col">"Bereich"</th>
                <th scope="col">"Benachrichtigung"</th>
                <th scope="col">"Auftrag, Person, Grund"</th>
            </tr></thead>
            <tbody>
                {h.versions.into_iter().map(|v| view! {
                    <tr>
                        <th scope="row">{v.number}</th>
                        <td>{format!("ab {}", v.valid_from)}<br />
                            <span class="small">{v.valid_until.map(|u| format!("bis {u}")).unwrap_or_else(|| "gültig".into())}</span></td>
                        <td class="address">{v.mailbox}</td>
                        <td>{v.area_name}</td>
                        <td class="address">{v.addresses.join(", ")}</td>
                        <td>{match v.order_number {
                                Some(n) => {
                                    let href = crate::orders::order_href(&n);
                                    view! { <a href=href>{n}</a> }.into_any()
                                }
                                None => "–".into_any(),
                            }}<br />
                            <span class="small">{match v.author {
                                Some(a) => format!("beantragt von {a}"),
                                None => "Ersteinrichtung".into(),
                            }}</span>
                            {v.implemented_by.map(|i| view! { <br /><span class="small">{format!("umgesetzt von {i}")}</span> })}
                            <br />{v.note}
                            {(can_restore && v.number != live).then(|| view! {
                                <br /><a href=format!("/auftraege/neu?eintrag={entry_id}&version={}", v.number)>
                                    {format!("Version {} als Entwurf wiederherstellen", v.number)}
                                </a>
                            })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// A row's version (linked to its history, with its start) and the open order that
/// changes it, or a dash.
fn version_and_order_cells(
    history: String,
    version: i64,
    valid_from: String,
    open_order: Option<String>,
) -> impl IntoView {
    let order = match open_order {
        Some(n) => view! { <a href=crate::orders::order_href(&n)>{n.clone()}</a> }.into_any(),
        None => view! { "–" }.into_any(),
    };
    view! {
        <td>
            <a href=history>{format!("Version {version}")}</a>
            <br /><span class="small">{format!("seit {valid_from}")}</span>
        </td>
        <td>{order}</td>
    }
}
