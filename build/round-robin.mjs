// A minimal load balancer for trying PartnerBot's scale-out locally (build/run-two.sh): each request goes to the
// next instance in turn, so consecutive turns of one conversation land on different instances (as behind Azure
// App Service with session affinity off). An instance that refuses the connection is skipped for that request,
// so stopping one instance leaves the conversation on the other.
//
//   node build/round-robin.mjs PORT http://127.0.0.1:3981 http://127.0.0.1:3982
import http from "node:http";

const [port, ...targets] = process.argv.slice(2);
if (!port || targets.length === 0) {
  console.error("usage: node build/round-robin.mjs PORT TARGET_URL...");
  process.exit(2);
}

let next = 0;

function forward(request, body, response, tries) {
  const origin = targets[next];
  next = (next + 1) % targets.length;
  const outgoing = http.request(new URL(request.url, origin), { method: request.method, headers: request.headers }, (answer) => {
    console.log(`${request.method} ${request.url} -> ${origin} ${answer.statusCode}`);
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  outgoing.on("error", (error) => {
    // Only a refused connection is retried elsewhere: the instance never saw the request.
    if (error.code === "ECONNREFUSED" && tries > 1) {
      console.log(`${origin} refused the connection; trying the next instance`);
      forward(request, body, response, tries - 1);
      return;
    }
    response.writeHead(502, { "content-type": "text/plain" });
    response.end(`${origin}: ${error.message}\n`);
  });
  outgoing.end(body);
}

http
  .createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => forward(request, Buffer.concat(chunks), response, targets.length));
  })
  .listen(Number(port), "127.0.0.1", () => console.log(`round-robin on http://127.0.0.1:${port} -> ${targets.join(", ")}`));
