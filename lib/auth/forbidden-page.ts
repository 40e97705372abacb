/** The page a member gets for an admin page: a plain 403 with a way back, no scripts, nothing private. */
export const forbiddenHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Admins only · Status Tracker</title></head>
<body><main><h1>Admins only</h1><p>This page is for the household's admins.</p><p><a href="/">Back to requests</a></p></main></body></html>`;
