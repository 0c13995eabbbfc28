//! A data table as every page shows it: scrollable on its own (so a wide table never
//! scrolls the page at 320 px), reachable by keyboard, named by its caption.

use leptos::prelude::*;

#[component]
pub fn ScrollTable(
    /// id of the caption, which names the table and its scroll region
    id: &'static str,
    #[prop(into)] caption: String,
    /// the column headers
    headers: &'static [&'static str],
    /// the rows
    children: Children,
) -> impl IntoView {
    view! {
        <div class="table-scroll" role="region" aria-labelledby=id tabindex="0">
            <table>
                <caption id=id>{caption}</caption>
                <thead>
                    <tr>{headers.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
