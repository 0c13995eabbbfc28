//! The plain axum routes (CSV downloads and uploads) together with their list: the
//! router is built from the same calls that list them, so the negative tests walk every
//! route the server really has instead of a list kept by hand.

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{get, post};
use axum::Router;

pub struct PlainRoutes<S> {
    router: Router<S>,
    listed: Vec<(Method, &'static str)>,
}

impl<S: Clone + Send + Sync + 'static> PlainRoutes<S> {
    pub fn new() -> Self {
        PlainRoutes {
            router: Router::new(),
            listed: Vec::new(),
        }
    }

    pub fn get<H: Handler<T, S>, T: 'static>(mut self, path: &'static str, handler: H) -> Self {
        self.router = self.router.route(path, get(handler));
        self.listed.push((Method::GET, path));
        self
    }

    pub fn post<H: Handler<T, S>, T: 'static>(mut self, path: &'static str, handler: H) -> Self {
        self.router = self.router.route(path, post(handler));
        self.listed.push((Method::POST, path));
        self
    }

    /// The router with `wrap` applied (a layer for all of these routes).
    pub fn map_router(mut self, wrap: impl FnOnce(Router<S>) -> Router<S>) -> Self {
        self.router = wrap(self.router);
        self
    }

    /// Every route's method and path.
    pub fn listed(&self) -> &[(Method, &'static str)] {
        &self.listed
    }

    pub fn into_router(self) -> Router<S> {
        self.router
    }
}

impl<S: Clone + Send + Sync + 'static> Default for PlainRoutes<S> {
    fn default() -> Self {
        Self::new()
    }
}
