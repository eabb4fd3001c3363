import { json } from "@/lib/http/respond";

// Unknown platform paths answer in the API's own error shape, not with an HTML page.
const notFound = async () => json({ error: "not found", messages: ["no such endpoint"] }, 404);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH };
