//! Pages of the organisation browser.

use super::model::*;
use super::unit_admin::{NewUnitForm, RegionStatusForm, RenameUnitForm};
use super::{fetch_agency, fetch_office, fetch_org_overview, fetch_region};
use crate::error::AppError;
use crate::ui::errors::{ErrorPanel, ErrorSummary};
use crate::ui::layout::{LoadedPage, Protected};
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Renders a loaded value or the error panel.
fn loaded<T, V>(result: Result<T, AppError>, render: impl FnOnce(T) -> V) -> AnyView
where
    V: IntoView + 'static,
{
    match result {
        Ok(value) => render(value).into_any(),
        Err(error) => view! { <ErrorPanel error /> }.into_any(),
    }
}

fn param(name: &'static str) -> impl Fn() -> String + Copy + Send + Sync {
    let params = use_params_map();
    move || params.read().get(name).unwrap_or_default()
}

/// The page's code with the version a form just saved: a rename reloads the page.
fn saved(
    code: impl Fn() -> String + Copy + Send + Sync + 'static,
) -> impl Fn() -> (String, Option<String>) + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || (code(), query.read().get("gespeichert"))
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    view! {
        <Title text="Organisation" />
        <Protected content=|me| view! { <Overview zentrale=me.has_role("zentrale") /> } />
    }
}

#[component]
fn Overview(zentrale: bool) -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").filter(|s| !s.trim().is_empty());
    let data = Resource::new(q, fetch_org_overview);
    view! {
        <h1>"Organisation"</h1>
        <p>"Regionaldirektionen, Agenturen für Arbeit und Dienststellen in Ihrem Zuständigkeitsbereich."</p>
        {zentrale.then(|| view! { <p><a href="/organisation/stammdaten">"Stammdaten aus CSV einlesen"</a></p> })}
        <form method="get" action="/organisation" role="search" class="search-form">
            <label for="q">"Agentur, Dienststelle oder Postfach suchen"</label>
            <div class="search-form__row">
                <input id="q" name="q" type="search" maxlength=100 prop:value=move || q().unwrap_or_default() />
                <button type="submit" class="button">"Suchen"</button>
            </div>
        </form>
        <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error @ AppError::Validation(_)) => view! { <ErrorSummary error /> }.into_any(),
                    other => loaded(other, |o: OrgOverview| view! {
                        {o.hits.map(|hits| view! { <SearchResults hits /> })}
                        <RegionTable regions=o.regions />
                        {o.may_manage.then(|| view! {
                            <NewUnitForm level="rd" parent="" heading="Neue Regionaldirektion" button="Regionaldirektion anlegen" />
                        })}
                    }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SearchResults(hits: Vec<SearchHit>) -> impl IntoView {
    let count = hits.len();
    view! {
        <section aria-labelledby="treffer" class="panel">
            <h2 id="treffer">"Suchergebnisse"</h2>
            <p role="status">{match count { 0 => "Keine Treffer.".to_string(), 1 => "1 Treffer".to_string(), n => format!("{n} Treffer") }}</p>
            {(count > 0).then(|| view! {
                <table>
                    <caption class="visually-hidden">"Suchergebnisse"</caption>
                    <thead><tr><th scope="col">"Art"</th><th scope="col">"Name"</th><th scope="col">"Zugehörigkeit"</th></tr></thead>
                    <tbody>
                        {hits.into_iter().map(|h| view! {
                            <tr>
                                <td>{h.kind_label}</td>
                                <td><a href=h.href>{h.name}</a></td>
                                <td>{h.context}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}

#[component]
fn RegionTable(regions: Vec<RegionSummary>) -> impl IntoView {
    view! {
        <table>
            <caption>"Regionaldirektionen"</caption>
            <thead>
                <tr>
                    <th scope="col">"Regionaldirektion"</th>
                    <th scope="col" class="num">"Agenturen"</th>
                    <th scope="col" class="num">"Dienststellen"</th>
                </tr>
            </thead>
            <tbody>
                {regions.into_iter().map(|r| view! {
                    <tr>
                        <td><a href=format!("/organisation/rd/{}", r.code)>{r.name}</a></td>
                        <td class="num">{r.agency_count}</td>
                        <td class="num">{r.office_count}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub(crate) fn Breadcrumbs(children: Children) -> impl IntoView {
    view! {
        <nav aria-label="Brotkrumennavigation" class="breadcrumbs">
            <ol>
                <li><a href="/organisation">"Organisation"</a></li>
                {children()}
            </ol>
        </nav>
    }
}

#[component]
pub fn RegionPage() -> impl IntoView {
    let data = Resource::new(saved(param("code")), |(code, _)| fetch_region(code));
    view! { <LoadedPage title="Regionaldirektion" data render=region_view /> }
}

fn region_view(r: RegionDetail) -> impl IntoView {
    let crumb = r.name.clone();
    let status = r.may_set_status.then(|| {
        view! { <RegionStatusForm code=r.code.clone() version=r.version active=r.active refusal=r.refusal.clone() /> }
    });
    view! {
        <Title text=r.name.clone() />
        <Breadcrumbs><li aria-current="page">{crumb}</li></Breadcrumbs>
        <h1>{r.name.clone()}</h1>
        <ChangeNotice />
        {(!r.active).then(|| view! { <p class="notice" role="status" id="rd-deaktiviert">"Die Regionaldirektion ist deaktiviert."</p> })}
        <table>
            <caption>"Agenturen für Arbeit"</caption>
            <thead><tr><th scope="col">"Agentur"</th><th scope="col" class="num">"Dienststellen"</th></tr></thead>
            <tbody>
                {r.agencies.into_iter().map(|a| view! {
                    <tr>
                        <td>
                            <a href=format!("/organisation/agentur/{}", a.code)>{a.name}</a>
                            {a.closed_into.map(|s| format!(" (geschlossen, Nachfolgerin: {s})"))}
                        </td>
                        <td class="num">{a.office_count}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {r.may_manage.then(|| view! {
            <RenameUnitForm level="rd" code=r.code.clone() version=r.version name=r.name.clone() />
            <NewUnitForm level="agentur" parent=r.code.clone() heading="Neue Agentur" button="Agentur anlegen" />
        })}
        {status}
        <MasterDataHistory history=r.history />
    }
}

#[component]
pub fn AgencyPage() -> impl IntoView {
    let data = Resource::new(saved(param("code")), |(code, _)| fetch_agency(code));
    view! { <LoadedPage title="Agentur" data render=agency_view /> }
}

fn agency_view(a: AgencyDetail) -> impl IntoView {
    let crumb = a.name.clone();
    let region_href = format!("/organisation/rd/{}", a.region_code);
    let region_name = a.region_name.clone();
    view! {
        <Title text=a.name.clone() />
        <Breadcrumbs>
            <li><a href=region_href>{region_name}</a></li>
            <li aria-current="page">{crumb}</li>
        </Breadcrumbs>
        <h1>{a.name.clone()}</h1>
        <ChangeNotice />
        {a.closed_into.clone().map(|(code, name)| view! {
            <p class="notice" role="status" id="agentur-geschlossen">
                "Die Agentur ist geschlossen und mit "
                <a href=format!("/organisation/agentur/{code}")>{name}</a>
                " zusammengelegt; ihre Dienststellen gehören nun dorthin."
                <MergerBatch />
            </p>
        })}
        {a.closed_into.is_none().then(|| view! {
            <p><a href=format!("/routing/agentur/{}", a.code)>"Routing aller Dienststellen anzeigen (auch zu einem früheren Stand)"</a></p>
        })}
        {a.may_merge.then(|| view! {
            <p><a href=format!("/organisation/agentur/{}/zusammenlegen", a.code)>"Agentur schließen und mit einer anderen zusammenlegen …"</a></p>
        })}
        <table>
            <caption>"Dienststellen"</caption>
            <thead><tr><th scope="col">"Dienststelle"</th><th scope="col">"Art"</th><th scope="col" class="num">"Postfächer"</th></tr></thead>
            <tbody>
                {a.offices.into_iter().map(|o| view! {
                    <tr>
                        <td>
                            <a href=format!("/organisation/dienststelle/{}", o.code)>{o.name}</a>
                            {o.closed_into.map(|s| format!(" (geschlossen, Nachfolgerin: {s})"))}
                        </td>
                        <td>{o.kind_label}</td>
                        <td class="num">{o.mailbox_count}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {a.may_manage.then(|| view! {
            <RenameUnitForm level="agentur" code=a.code.clone() version=a.version name=a.name.clone() />
            <NewUnitForm level="dienststelle" parent=a.code.clone() heading="Neue Dienststelle" button="Dienststelle anlegen" />
        })}
        <MasterDataHistory history=a.history />
    }
}

/// After a merger: the Sammelauftrag it filed, named by the page's address (only an
/// order number's characters are taken over).
#[component]
fn MergerBatch() -> impl IntoView {
    let query = use_query_map();
    move || {
        let number = query.read().get("sammelauftrag").filter(|n| {
            !n.is_empty()
                && n.len() <= 40
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })?;
        Some(view! {
            " Der Sammelauftrag "
            <a href=crate::orders::batch::batch_href(&number)>{number.clone()}</a>
            " stellt das Routing ihrer Geschäftsstellen auf die Hauptagentur der Nachfolgerin um."
        })
    }
}

#[component]
pub fn OfficePage() -> impl IntoView {
    let code = param("code");
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                code(),
                query.read().get("stand"),
                query.read().get("gespeichert"),
            )
        },
        |(code, stand, _)| fetch_office(code, stand),
    );
    view! { <LoadedPage title="Dienststelle" data render=office_view /> }
}

fn office_view(o: OfficeDetail) -> impl IntoView {
    let crumbs = (
        format!("/organisation/rd/{}", o.region_code),
        o.region_name.clone(),
        format!("/organisation/agentur/{}", o.agency_code),
        o.agency_name.clone(),
        o.name.clone(),
    );
    view! {
        <Title text=format!("Dienststelle {}", o.name) />
        <Breadcrumbs>
            <li><a href=crumbs.0>{crumbs.1}</a></li>
            <li><a href=crumbs.2>{crumbs.3}</a></li>
            <li aria-current="page">{crumbs.4}</li>
        </Breadcrumbs>
        <h1>{format!("Dienststelle {}", o.name)}</h1>
        <p>{o.kind_label.clone()} " der " {o.agency_name.clone()}</p>
        <ChangeNotice />
        {o.closed_into.clone().map(|(code, name)| view! {
            <p class="notice" role="status" id="dienststelle-geschlossen">
                "Die Dienststelle ist geschlossen. Nachfolgerin: "
                <a href=format!("/organisation/dienststelle/{code}")>{name}</a>
            </p>
        })}
        <p><a href=format!("/routing/dienststelle/{}", o.code)>"Routing dieser Dienststelle anzeigen"</a></p>
        <p><a href=format!("/organisation/dienststelle/{}/postkoerbe", o.code)>"Postkörbe der eAkte"</a></p>
        {o.may_close.then(|| view! {
            <p><a href=format!("/organisation/dienststelle/{}/schliessen", o.code)>"Dienststelle schließen …"</a></p>
        })}
        <table>
            <caption>"Postfächer"</caption>
            <thead><tr>
                <th scope="col">"Bereich"</th><th scope="col">"Postfach"</th>
                <th scope="col">"Typ"</th><th scope="col">"Adresse"</th>
                <th scope="col">"E-Mail-Kommunikation"</th>
            </tr></thead>
            <tbody>
                {o.mailboxes.into_iter().map(|m| view! {
                    <tr>
                        <td>{m.area_name}</td>
                        <td>
                            <a href=mailbox_href(&m.address)>{m.name}</a>
                            {(!m.active).then_some(" (deaktiviert)")}
                        </td>
                        <td>{m.kind_label}</td>
                        <td class="address">{m.address}</td>
                        <td>{match m.email {
                            Some((label, href)) => view! { <a href=href>{label}</a> }.into_any(),
                            None => view! { "–" }.into_any(),
                        }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        {o.may_manage.then(|| view! {
            <RenameUnitForm level="dienststelle" code=o.code.clone() version=o.version name=o.name.clone() />
        })}
        {(!o.areas.is_empty() && o.closed_into.is_none()).then(|| view! {
            <super::mailbox_pages::NewMailboxForm office=o.code.clone() areas=o.areas.clone() />
        }.into_any())}
        <MasterDataHistory history=o.history />
        <OfficeStanding code=o.code.clone() as_of=o.as_of standing=o.standing />
    }
}

/// The Dienststelle and its mailboxes as their master data stood at the end of a day.
#[component]
fn OfficeStanding(
    code: String,
    as_of: Option<String>,
    standing: Vec<MasterDataVersionView>,
) -> impl IntoView {
    let action = format!("/organisation/dienststelle/{code}");
    let shown = match as_of.clone() {
        None => None,
        Some(day) if standing.is_empty() => Some(view! {
            <p class="notice" role="status">{format!("Für den {day} sind keine Stammdaten erfasst: Die Versionen beginnen später.")}</p>
        }.into_any()),
        Some(day) => Some(view! {
            <p class="notice" role="status">
                {format!("Stammdaten am {day} (Tagesende). ")}<a href=action.clone()>"Nur aktuellen Stand anzeigen"</a>
            </p>
            <VersionTable id="stichtag-tabelle" caption=format!("Stammdaten am {day}") versions=standing />
        }.into_any()),
    };
    view! {
        <section class="panel" aria-labelledby="stichtag-titel">
            <h2 id="stichtag-titel">"Stammdaten zu einem Stichtag"</h2>
            <form method="get" action=action.clone() class="search-form">
                <label for="stand">"Stand am (TT.MM.JJJJ)"</label>
                <p class="field__hint" id="stand-hinweis">"Zeigt die Dienststelle und ihre Postfächer, wie sie am Ende dieses Tages erfasst waren."</p>
                <div class="search-form__row">
                    <input id="stand" name="stand" type="text" inputmode="numeric" maxlength=10
                        aria-describedby="stand-hinweis" value=as_of.unwrap_or_default() />
                    <button type="submit" class="button">"Anzeigen"</button>
                </div>
            </form>
            {shown}
        </section>
    }
}

/// The notice after a form of the page saved its object ("Gespeichert (Version N).",
/// then `state`) or created it (`created`), as the page's address says.
#[component]
pub(crate) fn ChangeNotice(
    #[prop(optional)] created: Option<&'static str>,
    #[prop(optional)] state: Option<String>,
) -> impl IntoView {
    let query = use_query_map();
    move || {
        let q = query.read();
        let text = match (created, q.get("angelegt")) {
            (Some(c), Some(_)) => Some(c.to_string()),
            _ => q
                .get("gespeichert")
                .and_then(|v| v.parse::<i64>().ok())
                .map(|v| match &state {
                    Some(s) => format!("Gespeichert (Version {v}). {s}"),
                    None => format!("Gespeichert (Version {v})."),
                }),
        };
        text.map(|t| view! { <p class="notice" role="status">{t}</p> })
    }
}

/// Versions of master data (of a Dienststelle and its mailboxes, or of one mailbox).
#[component]
pub(crate) fn MasterDataHistory(history: Vec<MasterDataVersionView>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="stammdaten-verlauf">
            <h2 id="stammdaten-verlauf">"Verlauf der Stammdaten"</h2>
            {if history.is_empty() {
                view! { <p>"Keine Versionen erfasst."</p> }.into_any()
            } else {
                view! {
                    <VersionTable id="stammdaten-versionen" caption="Versionen der Stammdaten" versions=history />
                }.into_any()
            }}
        </section>
    }
}

/// Versions of master data, one row each.
#[component]
fn VersionTable(
    id: &'static str,
    #[prop(into)] caption: String,
    versions: Vec<MasterDataVersionView>,
) -> impl IntoView {
    view! {
        <ScrollTable id caption headers=&["Objekt", "Version", "Gültig ab", "Von", "Angaben"]>
            {versions.into_iter().map(|v| view! {
                <tr>
                    <th scope="row" class="address">{v.object}</th>
                    <td>{v.version}</td>
                    <td>{v.valid_from}</td>
                    <td>{v.by}</td>
                    <td class="address">{v.fields}</td>
                </tr>
            }.into_any()).collect_view()}
        </ScrollTable>
    }
}
