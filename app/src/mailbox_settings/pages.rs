//! The order page's form that adds an item of the kind "E-Mail-Kommunikation" (its items:
//! `orders::value_items`).

use super::{fetch_setting_choices, SaveMailboxSetting};
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error};
use leptos::prelude::*;

fn hidden(number: &str, revision: &str) -> impl IntoView {
    view! {
        <input type="hidden" name="nummer" value=number.to_string() />
        <input type="hidden" name="revision" value=revision.to_string() />
    }
}

#[component]
pub fn SettingForm(
    number: String,
    revision: String,
    save: ServerAction<SaveMailboxSetting>,
) -> impl IntoView {
    let error = action_error(save.value());
    let choices = Resource::new(
        {
            let n = number.clone();
            move || n.clone()
        },
        fetch_setting_choices,
    );
    view! {
        <section class="panel" aria-labelledby="einstellung-titel">
            <h2 id="einstellung-titel">"E-Mail-Kommunikation eines Postfachs ändern"</h2>
            <p>"„Intern“ sperrt den Empfang externer E-Mails (Weisung 202505010). Die Einstellung gibt es für Team-, Organisations- und Liegenschaftspostfächer. Für dasselbe Postfach wird die vorhandene Position überschrieben."</p>
            {move || error.get().map(|error| view! { <ErrorSummary error id="einstellung-fehler" /> })}
            <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
                {move || {
                    let (number, revision) = (number.clone(), revision.clone());
                    Suspend::new(async move {
                        choices.await.ok().map(|c| view! {
                            <ActionForm action=save>
                                {hidden(&number, &revision)}
                                <div class="field">
                                    <label for="einstellung-postfach">"Postfach"</label>
                                    {let e = field_error(error, "eintrag"); move || e.get().map(|m| view! { <p class="field__error" id="einstellung-postfach-fehler">{m}</p> })}
                                    <select id="einstellung-postfach" name="eintrag" aria-describedby="einstellung-postfach-fehler">
                                        {c.mailboxes.into_iter().map(|m| view! { <option value=m.entry_id.to_string()>{m.label}</option> }).collect_view()}
                                    </select>
                                </div>
                                <fieldset class="field" aria-describedby="einstellung-modus-fehler">
                                    <legend>"E-Mail-Kommunikation"</legend>
                                    {let e = field_error(error, "modus"); move || e.get().map(|m| view! { <p class="field__error" id="einstellung-modus-fehler">{m}</p> })}
                                    {c.modes.into_iter().enumerate().map(|(k, (code, label))| {
                                        let id = format!("einstellung-modus-{code}");
                                        view! {
                                            <div class="field--check">
                                                <input type="radio" id=id.clone() name="modus" value=code checked=k == 0 />
                                                <label for=id>{label}</label>
                                            </div>
                                        }
                                    }).collect_view()}
                                </fieldset>
                                <button type="submit" class="button">"Einstellung speichern"</button>
                            </ActionForm>
                        })
                    })
                }}
            </Suspense>
        </section>
    }
}
