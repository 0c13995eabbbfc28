//! The Postkörbe of a Dienststelle with the form for a new one, and one Postkorb's page:
//! the eAkte rules that send to it, rename, status (deactivation refused while rules send
//! to it), the pre-filled order that moves its rules, and its versions.

use super::model::{OfficePostkoerbe, PostkorbDetail, PostkorbView};
use super::pages::{Breadcrumbs, ChangeNotice, MasterDataHistory};
use super::postkorb::{
    fetch_office_postkoerbe, fetch_postkorb, postkorb_href, CreatePostkorb, FilePostkorbMove,
    RenamePostkorb, SetPostkorbStatus,
};
use crate::orders::order_href;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::choice;
use crate::ui::form::{action_error, field_error, Field};
use crate::ui::layout::LoadedPage;
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OfficePostkoerbePage() -> impl IntoView {
    let params = use_params_map();
    let data = Resource::new(
        move || params.read().get("code").unwrap_or_default(),
        fetch_office_postkoerbe,
    );
    let code = move || params.read().get("code").unwrap_or_default();
    view! {
        <LoadedPage title="Postkörbe" data render=move |p: OfficePostkoerbe| view! { <Postkoerbe p office=code() /> } />
    }
}

#[component]
fn Postkoerbe(p: OfficePostkoerbe, office: String) -> impl IntoView {
    let office_href = format!("/organisation/dienststelle/{office}");
    let caption = format!("{} Postkörbe", p.postkoerbe.len());
    let rows = p.postkoerbe.clone();
    let links = office.clone();
    let crumb = (office_href.clone(), office.clone());
    view! {
        <Title text=format!("Postkörbe {office}") />
        <Breadcrumbs>
            <li><a href=crumb.0>{crumb.1}</a></li>
            <li aria-current="page">"Postkörbe"</li>
        </Breadcrumbs>
        <h1>{format!("Postkörbe der Dienststelle {office}")}</h1>
        <p>"Die eAkte-Regeln der Agentur senden Dokumente an die Postkörbe ihrer Dienststellen; je Dienststelle und Bereich gibt es einen Postkorb (Weisung 202505010)."</p>
        <ScrollTable id="postkoerbe-tabelle" caption headers=&["Postkorb", "Bereich", "Status", "Gültige eAkte-Regeln"]>
            {rows.into_iter().map(|k| row(&links, k)).collect_view()}
        </ScrollTable>
        {(!p.free_areas.is_empty()).then(|| view! { <NewPostkorbForm office=office.clone() areas=p.free_areas.clone() /> })}
        <p><a href=office_href>"Zur Dienststelle"</a></p>
    }
}

fn row(office: &str, k: PostkorbView) -> AnyView {
    let href = postkorb_href(office, &k.area_code);
    view! {
        <tr>
            <th scope="row"><a href=href>{k.name}</a></th>
            <td>{k.area_name}</td>
            <td>{if k.active { "aktiv" } else { "deaktiviert" }}</td>
            <td>{k.live_rules}</td>
        </tr>
    }
    .into_any()
}

#[component]
fn NewPostkorbForm(office: String, areas: Vec<(String, String, String)>) -> impl IntoView {
    let action = ServerAction::<CreatePostkorb>::new();
    let error = action_error(action.value());
    let options: Vec<(String, String)> = areas
        .iter()
        .map(|(code, name, _)| (code.clone(), name.clone()))
        .collect();
    let first_name = areas.first().map(|(_, _, n)| n.clone()).unwrap_or_default();
    view! {
        <section class="panel" aria-labelledby="neuer-postkorb">
            <h2 id="neuer-postkorb">"Neuer Postkorb"</h2>
            <p>"Das Kürzel entsteht aus Dienststelle und Bereich. Ein neuer Postkorb wird Ziel von eAkte-Regeln erst über einen Auftrag."</p>
            {move || error.get().map(|error| view! { <ErrorSummary error id="anlegen-fehler" /> })}
            <ActionForm action>
                <input type="hidden" name="dienststelle" value=office />
                {choice(error, ("bereich", "Bereich"), options, String::new())}
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") value=first_name
                    hint="Zum Beispiel „Postkorb EZ Plön“." />
                <button type="submit" class="button">"Postkorb anlegen"</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn PostkorbPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // A saved change comes back with its version in the address: the page loads anew.
    let data = Resource::new(
        move || {
            let p = params.read();
            (
                p.get("code").unwrap_or_default(),
                p.get("bereich").unwrap_or_default(),
                query.read().get("gespeichert"),
            )
        },
        |(office, area, _)| fetch_postkorb(office, area),
    );
    view! {
        <LoadedPage title="Postkorb" data render=|d: PostkorbDetail| view! { <Postkorb d /> } />
    }
}

#[component]
fn Postkorb(d: PostkorbDetail) -> impl IntoView {
    let active = d.postkorb.active;
    let office_href = format!("/organisation/dienststelle/{}", d.office_code);
    let list_href = format!("{office_href}/postkoerbe");
    let k = d.postkorb.clone();
    let crumbs = (
        format!("/organisation/agentur/{}", d.agency_code),
        d.agency_name.clone(),
        office_href.clone(),
        d.office_name.clone(),
        list_href.clone(),
        k.name.clone(),
    );
    view! {
        <Title text=format!("Postkorb {}", k.name) />
        <Breadcrumbs>
            <li><a href=crumbs.0>{crumbs.1}</a></li>
            <li><a href=crumbs.2>{crumbs.3}</a></li>
            <li><a href=crumbs.4>"Postkörbe"</a></li>
            <li aria-current="page">{crumbs.5}</li>
        </Breadcrumbs>
        <h1>{format!("Postkorb: {}", k.name)}</h1>
        <ChangeNotice created="Der Postkorb wurde angelegt." state=format!("Der Postkorb ist {}.", if active { "aktiv" } else { "deaktiviert" }) />
        <dl class="facts">
            <dt>"Kürzel"</dt><dd>{k.code.clone()}</dd>
            <dt>"Dienststelle"</dt><dd><a href=office_href>{d.office_name.clone()}</a>{format!(" ({})", d.agency_name)}</dd>
            <dt>"Bereich"</dt><dd>{k.area_name.clone()}</dd>
            <dt>"Status"</dt><dd>{if k.active { "aktiv" } else { "deaktiviert – wird als Ziel von eAkte-Regeln nicht mehr angeboten" }}</dd>
        </dl>
        <Rules d=d.clone() />
        {d.may_manage.then(|| view! { <RenameForm d=d.clone() /> <Status d=d.clone() /> }.into_any())}
        {(d.may_manage && !d.rules.is_empty()).then(|| view! { <MoveForm d=d.clone() /> }.into_any())}
        <MasterDataHistory history=d.history.clone() />
        <p><a href=list_href>"Zu den Postkörben der Dienststelle"</a></p>
    }
}

#[component]
fn Rules(d: PostkorbDetail) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="regeln-titel">
            <h2 id="regeln-titel">"Verwendung"</h2>
            {if d.rules.is_empty() {
                view! { <p>"Keine gültige eAkte-Regel sendet an diesen Postkorb."</p> }.into_any()
            } else {
                view! {
                    <ScrollTable id="regeln-tabelle" caption="Gültige eAkte-Regeln, die an den Postkorb senden"
                        headers=&["Regel", "Offener Auftrag"]>
                        {d.rules.clone().into_iter().map(|(label, href, open)| view! {
                            <tr>
                                <th scope="row"><a href=href>{label}</a></th>
                                <td>{match open {
                                    Some(n) => view! { <a href=order_href(&n)>{n.clone()}</a> }.into_any(),
                                    None => view! { "–" }.into_any(),
                                }}</td>
                            </tr>
                        }.into_any()).collect_view()}
                    </ScrollTable>
                }.into_any()
            }}
            {(!d.proposing.is_empty()).then(|| view! {
                <p>"Offene Aufträge, die den Postkorb als Ziel vorschlagen: "
                    {d.proposing.clone().into_iter().map(|n| view! { <a href=order_href(&n)>{n.clone()}</a>" " }).collect_view()}
                </p>
            })}
        </section>
    }
}

#[component]
fn RenameForm(d: PostkorbDetail) -> impl IntoView {
    let action = ServerAction::<RenamePostkorb>::new();
    let error = action_error(action.value());
    view! {
        <section class="panel" aria-labelledby="postkorb-aendern">
            <h2 id="postkorb-aendern">"Postkorb umbenennen"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="aendern-fehler" /> })}
            <ActionForm action>
                <input type="hidden" name="dienststelle" value=d.office_code.clone() />
                <input type="hidden" name="bereich" value=d.postkorb.area_code.clone() />
                <input type="hidden" name="version" value=d.version.to_string() />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") value=d.postkorb.name.clone() />
                <button type="submit" class="button">"Änderung speichern"</button>
            </ActionForm>
        </section>
    }
}

/// Deactivation (refused while rules send to it) and reactivation.
#[component]
fn Status(d: PostkorbDetail) -> impl IntoView {
    let action = ServerAction::<SetPostkorbStatus>::new();
    let error = action_error(action.value());
    let form = move |aktion: &'static str, button: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="dienststelle" value=d.office_code.clone() />
                <input type="hidden" name="bereich" value=d.postkorb.area_code.clone() />
                <input type="hidden" name="version" value=d.version.to_string() />
                <input type="hidden" name="aktion" value=aktion />
                <button type="submit" class="button">{button}</button>
            </ActionForm>
        }
    };
    let body = match (d.postkorb.active, d.refusal.clone()) {
        (true, Some(refusal)) => view! { <p id="status-ablehnung">{refusal}</p> }.into_any(),
        (true, None) => view! {
            <p>"Ein deaktivierter Postkorb wird als Ziel von eAkte-Regeln nicht mehr angeboten; er bleibt mit seinem Verlauf erhalten."</p>
            {form("deaktivieren", "Postkorb deaktivieren")}
        }
        .into_any(),
        (false, _) => view! {
            <p>"Der Postkorb ist deaktiviert. Nach der Reaktivierung kann er wieder Ziel von eAkte-Regeln werden."</p>
            {form("reaktivieren", "Postkorb reaktivieren")}
        }
        .into_any(),
    };
    view! {
        <section class="panel" aria-labelledby="status-titel">
            <h2 id="status-titel">"Status"</h2>
            {move || error.get().map(|error| view! { <ErrorSummary error id="status-fehler" /> })}
            {body}
        </section>
    }
}

/// The pre-filled order that sends the Postkorb's rules to another Postkorb of the agency.
#[component]
fn MoveForm(d: PostkorbDetail) -> impl IntoView {
    let action = ServerAction::<FilePostkorbMove>::new();
    let error = action_error(action.value());
    let justification = format!(
        "Der Postkorb {} wird geräumt; seine eAkte-Regeln senden künftig an einen anderen Postkorb.",
        d.postkorb.name
    );
    let mut options = vec![(String::new(), "Bitte wählen".to_string())];
    options.extend(d.move_targets.clone());
    view! {
        <section class="panel" aria-labelledby="umzug-titel">
            <h2 id="umzug-titel">"Regeln umstellen (Auftrag)"</h2>
            {if d.move_targets.is_empty() {
                view! { <p>"Die Agentur hat keinen anderen aktiven Postkorb, der die Regeln übernehmen kann. Legen Sie ihn zuerst an."</p> }.into_any()
            } else {
                view! {
                    <ActionForm action>
                        <fieldset>
                            <legend>{format!("{} eAkte-Regeln an einen anderen Postkorb senden", d.rules.len())}</legend>
                            <p class="field__hint">"Es entsteht ein Auftrag der Agentur mit den Regeln ohne offenen Auftrag; RIM setzt ihn um. Danach kann der Postkorb deaktiviert werden."</p>
                            {move || error.get().map(|error| view! { <ErrorSummary error id="umzug-fehler" /> })}
                            <input type="hidden" name="dienststelle" value=d.office_code.clone() />
                            <input type="hidden" name="bereich" value=d.postkorb.area_code.clone() />
                            {choice(error, ("ziel", "Postkorb, der übernimmt"), options, String::new())}
                            <crate::orders::batch::BatchHeaderFields prefix="umzug"
                                justification=justification.clone() today=d.today.clone() error />
                            <button type="submit" class="button">"Umzugsauftrag anlegen"</button>
                        </fieldset>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}
