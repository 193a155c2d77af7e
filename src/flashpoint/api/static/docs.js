// Swagger UI over the app's own OpenAPI document (kept out of docs.html: the page allows no inline script).
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
