//! Runs a service outside Leptos (plain axum handlers: downloads, uploads, the JSON API)
//! with the same context a server function has, so there is one code path for both.

use super::AppState;
use axum::http::request::Parts;
use leptos::prelude::{provide_context, Owner};
use leptos::reactive::computed::ScopedFuture;
use std::future::Future;

/// Provides the request parts (session, request id, client) and the app state to `work`.
pub async fn with_request<T>(parts: Parts, state: AppState, work: impl Future<Output = T>) -> T {
    let owner = Owner::new();
    owner
        .with(|| {
            ScopedFuture::new(async move {
                provide_context(parts);
                provide_context(leptos_axum::ResponseOptions::default());
                provide_context(state);
                work.await
            })
        })
        .await
}
