//! The mailbox page: its data, where live routing and open orders use it, its status
//! with deactivation (refused with the list of uses) and the move of its routing.

use super::mailbox::{
    fetch_mailbox, ChangeMailbox, ChangeMailboxStatus, CreateMailbox, MoveMailboxRouting,
};
use super::model::{MailboxDetail, MailboxOpenItemView, MailboxUseView};
use super::pages::{ChangeNotice, MasterDataHistory};
use crate::domain::mailbox_form::check_mailbox_fields;
use crate::domain::org::MailboxKind;
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{
    action_error, choice, field_error, island_action, precheck, shown_error, Field,
};
use crate::ui::layout::LoadedPage;
use crate::ui::table::ScrollTable;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MailboxPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    // A saved status comes back with its version in the address: the page loads anew.
    let data = Resource::new(
        move || {
            let address =
                crate::ui::decode_param(&params.read().get("adresse").unwrap_or_default());
            (address, query.read().get("gespeichert"))
        },
        |(address, _)| fetch_mailbox(address),
    );
    view! {
        <LoadedPage title="Postfach" data render=|m: MailboxDetail| view! { <Mailbox m /> } />
    }
}

#[component]
fn Mailbox(m: MailboxDetail) -> impl IntoView {
    let active = m.active;
    let office_href = format!("/organisation/dienststelle/{}", m.office_code);
    let status = if m.active {
        "aktiv"
    } else {
        "deaktiviert – erhält keine Anliegen und keine Benachrichtigungen"
    };
    view! {
        <Title text=format!("Postfach {}", m.name) />
        <h1>{format!("Postfach: {}", m.name)}</h1>
        <ChangeNotice created="Das Postfach wurde angelegt." state=format!("Das Postfach ist {}.", if active { "aktiv" } else { "deaktiviert" }) />
        <dl class="facts">
            <dt>"Adresse"</dt><dd class="address">{m.address.clone()}</dd>
            <dt>"Art"</dt><dd>{m.kind_label.clone()}</dd>
            <dt>"Dienststelle"</dt><dd><a href=office_href.clone()>{m.office_name.clone()}</a>{format!(" ({})", m.agency_name)}</dd>
            <dt>"Bereich"</dt><dd>{m.area_name.clone()}</dd>
            <dt>"Status"</dt><dd>{status}</dd>
        </dl>
        <Uses uses=m.uses.clone() open=m.open_items.clone() />
        {m.may_manage.then(|| view! { <ChangeForm form=MailboxChange::from(&m) /> <Status m=m.clone() /> }.into_any())}
        {(m.may_move && !m.uses.is_empty()).then(|| view! { <Move m=m.clone() /> }.into_any())}
        <MasterDataHistory history=m.history.clone() />
        <p><a href=office_href>"Zur Dienststelle"</a></p>
    }
}

#[component]
fn Uses(uses: Vec<MailboxUseView>, open: Vec<MailboxOpenItemView>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="verwendung">
            <h2 id="verwendung">"Verwendung"</h2>
            {if uses.is_empty() {
                view! { <p>"Kein gültiger Routing-Eintrag verwendet dieses Postfach."</p> }.into_any()
            } else {
                view! {
                    <ScrollTable id="verwendung-routing" caption="Gültige Routing-Einträge, die das Postfach verwenden"
                        headers=&["Anliegen", "Dienststelle", "Agentur", "Verwendet als", "Offener Auftrag"]>
                        {uses.into_iter().map(|u| view! {
                            <tr>
                                <th scope="row"><a href=u.href>{u.concern}</a></th>
                                <td>{u.office}</td>
                                <td>{u.agency}</td>
                                <td>{u.use_label}</td>
                                <td>{match u.open_order {
                                    Some(n) => view! { <a href=format!("/auftraege/{n}")>{n.clone()}</a> }.into_any(),
                                    None => view! { "–" }.into_any(),
                                }}</td>
                            </tr>
                        }.into_any()).collect_view()}
                    </ScrollTable>
                }.into_any()
            }}
            {(!open.is_empty()).then(|| view! {
                <ScrollTable id="verwendung-auftraege" caption="Positionen offener Aufträge, die das Postfach vorsehen"
                    headers=&["Auftrag", "Dienststelle", "Anliegen"]>
                    {open.into_iter().map(|i| view! {
                        <tr>
                            <th scope="row"><a href=format!("/auftraege/{}", i.order)>{i.order.clone()}</a></th>
                            <td>{i.office}</td>
                            <td>{i.concern}</td>
                        </tr>
                    }.into_any()).collect_view()}
                </ScrollTable>
            }.into_any())}
        </section>
    }
}

/// Name, kind and Bereich (the address and the Dienststelle stay). An island: checked in
/// the browser before sending; it takes only what the form shows (its props travel in
/// the page).
#[island]
fn ChangeForm(form: MailboxChange) -> impl IntoView {
    let m = form;
    let action = island_action::<ChangeMailbox>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let codes: Vec<String> = m.areas.iter().map(|(code, _)| code.clone()).collect();
    let check = move |d: ChangeMailbox| {
        check_mailbox_fields(&d.name, &d.art, &d.bereich, &codes)
            .err()
            .unwrap_or_default()
    };
    view! {
        <section class="panel" aria-labelledby="postfach-aendern">
            <h2 id="postfach-aendern">"Postfach ändern"</h2>
            <p>"Adresse und Dienststelle bleiben. Eine Art, die das gültige Routing nicht zulässt (Liegenschaftspostfach als Zielpostfach, Team- oder Liegenschaftspostfach in Benachrichtigungen), wird abgewiesen."</p>
            {move || error.get().map(|error| view! { <ErrorSummary error id="aendern-fehler" /> })}
            <ActionForm action on:submit:capture=precheck(checked, check)>
                <input type="hidden" name="adresse" value=m.address.clone() />
                <input type="hidden" name="version" value=m.version.to_string() />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") value=m.name.clone() />
                {choice(error, ("art", "Art"), kind_options(), m.kind_code.clone())}
                {choice(error, ("bereich", "Bereich"), m.areas.clone(), m.area_code.clone())}
                <button type="submit" class="button">"Änderung speichern"</button>
            </ActionForm>
        </section>
    }
}

/// What the change form of a mailbox shows.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
struct MailboxChange {
    address: String,
    version: i64,
    name: String,
    kind_code: String,
    area_code: String,
    areas: Vec<(String, String)>,
}

impl From<&MailboxDetail> for MailboxChange {
    fn from(m: &MailboxDetail) -> Self {
        Self {
            address: m.address.clone(),
            version: m.version,
            name: m.name.clone(),
            kind_code: m.kind_code.clone(),
            area_code: m.area_code.clone(),
            areas: m.areas.clone(),
        }
    }
}

/// (code, label) of every mailbox kind.
pub(crate) fn kind_options() -> Vec<(String, String)> {
    MailboxKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), k.label().to_string()))
        .collect()
}

/// A new mailbox of the Dienststelle `office` (Zentrale).
#[island]
pub(crate) fn NewMailboxForm(office: String, areas: Vec<(String, String)>) -> impl IntoView {
    let action = island_action::<CreateMailbox>();
    let checked = RwSignal::new(None);
    let error = shown_error(action_error(action.value()), checked);
    let codes: Vec<String> = areas.iter().map(|(code, _)| code.clone()).collect();
    let check = move |d: CreateMailbox| {
        // The allowed domains are the server's setting: it checks them.
        let domain = d
            .adresse
            .rsplit_once('@')
            .map(|(_, d)| d.to_string())
            .unwrap_or_default();
        crate::domain::mailbox_form::check_new_mailbox(
            &d.adresse,
            (&d.name, &d.art, &d.bereich),
            &codes,
            &[domain.as_str()],
        )
        .err()
        .unwrap_or_default()
    };
    view! {
        <section class="panel" aria-labelledby="neues-postfach">
            <h2 id="neues-postfach">"Neues Postfach"</h2>
            <p>"Team-, Organisations- und Liegenschaftspostfächer erhalten die Einstellung „E-Mail-Kommunikation: Extern“; Anliegen werden ihm über Aufträge zugeordnet."</p>
            {move || error.get().map(|error| view! { <ErrorSummary error id="anlegen-fehler" /> })}
            <ActionForm action on:submit:capture=precheck(checked, check)>
                <input type="hidden" name="dienststelle" value=office />
                <Field name="adresse" label="Adresse" kind="email" autocomplete="off" maxlength=254
                    error=field_error(error, "adresse") hint="Eine Adresse in einer zugelassenen Domain, z. B. kiel.neues-team@arbeitsagentur.de." />
                <Field name="name" label="Name" maxlength=200 error=field_error(error, "name") />
                {choice(error, ("art", "Art"), kind_options(), "funktion".to_string())}
                {choice(error, ("bereich", "Bereich"), areas, String::new())}
                <button type="submit" class="button">"Postfach anlegen"</button>
            </ActionForm>
        </section>
    }
}

/// Deactivation (refused while anything uses the mailbox) and reactivation.
#[component]
fn Status(m: MailboxDetail) -> impl IntoView {
    let action = ServerAction::<ChangeMailboxStatus>::new();
    let error = action_error(action.value());
    let form = move |aktion: &'static str, button: &'static str| {
        view! {
            <ActionForm action>
                <input type="hidden" name="adresse" value=m.address.clone() />
                <input type="hidden" name="version" value=m.version.to_string() />
                <input type="hidden" name="aktion" value=aktion />
                <button type="submit" class="button">{button}</button>
            </ActionForm>
        }
    };
    let body = match (m.active, m.refusal.clone()) {
        (true, Some(refusal)) => view! {
            <p>{refusal}</p>
            <p>{if m.may_move {
                "Hängen Sie die Einträge mit dem Sammelauftrag unten um; nach der Umsetzung kann das Postfach deaktiviert werden."
            } else {
                "Nach dem Umhängen der Einträge kann das Postfach deaktiviert werden."
            }}</p>
        }
        .into_any(),
        (true, None) => view! {
            <p>"Ein deaktiviertes Postfach erhält keine Anliegen und keine Benachrichtigungen mehr und wird in Aufträgen nicht mehr angeboten. Es bleibt mit seinem Verlauf erhalten."</p>
            {form("deaktivieren", "Postfach deaktivieren")}
        }
        .into_any(),
        (false, _) => view! {
            <p>"Das Postfach ist deaktiviert. Nach der Reaktivierung kann es wieder in Aufträgen gewählt werden."</p>
            {form("reaktivieren", "Postfach reaktivieren")}
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

/// The batch order that moves every live routing entry using the mailbox to a successor.
#[component]
fn Move(m: MailboxDetail) -> impl IntoView {
    let action = ServerAction::<MoveMailboxRouting>::new();
    let error = action_error(action.value());
    let justification = format!(
        "Das Postfach {} wird deaktiviert; seine Routing-Einträge gehen an das Nachfolgepostfach.",
        m.address
    );
    let count = m.uses.len();
    view! {
        <section class="panel" aria-labelledby="umhaengen-titel">
            <h2 id="umhaengen-titel">"Einträge umhängen (Sammelauftrag)"</h2>
            {if m.successors.is_empty() {
                view! { <p>"Die Agentur hat kein anderes aktives Postfach, das die Einträge übernehmen kann. Legen Sie es zuerst mit dem Stammdatenimport an."</p> }.into_any()
            } else {
                view! {
                    <ActionForm action>
                        <fieldset>
                            <legend>{format!("{count} Routing-Einträge auf ein anderes Postfach umhängen")}</legend>
                            <p class="field__hint" id="umhaengen-hinweis">"Je Agentur entsteht ein Auftrag mit ihren Einträgen: Das Nachfolgepostfach wird Zielpostfach, und seine Adresse ersetzt die bisherige in den Benachrichtigungen (ein Team- oder Liegenschaftspostfach wird nicht benachrichtigt, Weisung 202509011). Die Aufträge gehen zur Prüfung an die Regionaldirektion."</p>
                            {move || error.get().map(|error| view! { <ErrorSummary error id="umhaengen-fehler" /> })}
                            <input type="hidden" name="adresse" value=m.address.clone() />
                            <div class="field">
                                <label for="nachfolger">"Nachfolgepostfach"</label>
                                {let e = field_error(error, "nachfolger"); move || e.get().map(|msg| view! { <p class="field__error" id="nachfolger-fehler">{msg}</p> })}
                                <select id="nachfolger" name="nachfolger" aria-describedby="umhaengen-hinweis nachfolger-fehler">
                                    <option value="">"Bitte wählen"</option>
                                    {m.successors.clone().into_iter().map(|(address, label)| view! {
                                        <option value=address>{label}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <crate::orders::batch::BatchHeaderFields prefix="umhaengen"
                                justification=justification.clone() today=m.today.clone() error />
                            <button type="submit" class="button">"Sammelauftrag anlegen"</button>
                        </fieldset>
                    </ActionForm>
                }.into_any()
            }}
        </section>
    }
}
