//! The order page's form that adds an item of the kind "eAkte-Regelwerk": one of the
//! agency's rules and the Postkorb its documents should land in.

use super::{fetch_eakte_choices, EakteChoice, SaveEakteRule};
use crate::ui::errors::ErrorSummary;
use crate::ui::form::{action_error, field_error};
use leptos::prelude::*;

fn options(choices: Vec<EakteChoice>) -> impl IntoView {
    choices
        .into_iter()
        .map(|c| view! { <option value=c.id.to_string()>{c.label}</option> })
        .collect_view()
}

#[component]
pub fn EakteForm(
    number: String,
    revision: String,
    save: ServerAction<SaveEakteRule>,
) -> impl IntoView {
    let error = action_error(save.value());
    let choices = Resource::new(
        {
            let n = number.clone();
            move || n.clone()
        },
        fetch_eakte_choices,
    );
    view! {
        <section class="panel" aria-labelledby="eakte-titel">
            <h2 id="eakte-titel">"eAkte-Regel ändern"</h2>
            <p>"Je Aktentyp, Dokumenttyp und Dokumentart landet ein Dokument in einem Postkorb. Nach Weisung 202505010 gehören Online-Dokumente des Aktentyps 1001 Alg in den Postkorb der Eingangszone. Für dieselbe Regel wird die vorhandene Position überschrieben; umgesetzt wird ohne RD-Prüfung durch den RIM."</p>
            {move || error.get().map(|error| view! { <ErrorSummary error id="eakte-fehler" /> })}
            <Suspense fallback=|| view! { <p class="loading">"Wird geladen …"</p> }>
                {move || {
                    let (number, revision) = (number.clone(), revision.clone());
                    Suspend::new(async move {
                        choices.await.ok().map(|c| view! {
                            <ActionForm action=save>
                                <input type="hidden" name="nummer" value=number />
                                <input type="hidden" name="revision" value=revision />
                                <div class="field">
                                    <label for="eakte-regel">"Regel"</label>
                                    {let e = field_error(error, "regel"); move || e.get().map(|m| view! { <p class="field__error" id="eakte-regel-fehler">{m}</p> })}
                                    <select id="eakte-regel" name="regel" aria-describedby="eakte-regel-fehler">
                                        {options(c.rules)}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="eakte-postkorb">"Ziel-Postkorb"</label>
                                    {let e = field_error(error, "postkorb"); move || e.get().map(|m| view! { <p class="field__error" id="eakte-postkorb-fehler">{m}</p> })}
                                    <select id="eakte-postkorb" name="postkorb" aria-describedby="eakte-postkorb-fehler">
                                        {options(c.postkoerbe)}
                                    </select>
                                </div>
                                <button type="submit" class="button">"Regel speichern"</button>
                            </ActionForm>
                        })
                    })
                }}
            </Suspense>
        </section>
    }
}
