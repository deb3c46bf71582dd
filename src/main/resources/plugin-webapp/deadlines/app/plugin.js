/*
 * Cockpit dashboard: every running deadline that is overdue or due within a day, latest first
 * (case code, which deadline, SOO, due, how late), each case linked to its process instance.
 * Served by DeadlinesCockpitPlugin; the data comes from its resource, as the signed-in manager.
 * Text only (textContent), no identity and no variable value: the resource sends neither.
 */
const dateTime = new Intl.DateTimeFormat("en-GB", {
  weekday: "short", day: "numeric", month: "short", year: "numeric",
  hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Europe/London"
});

function lateness(minutes) {
  const sign = minutes >= 0 ? "" : "due in ";
  const m = Math.abs(minutes);
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const rest = m % 60;
  const parts = [];
  if (days) parts.push(days + (days === 1 ? " day" : " days"));
  if (hours) parts.push(hours + (hours === 1 ? " hour" : " hours"));
  if (!days && (rest || !hours)) parts.push(rest + (rest === 1 ? " minute" : " minutes"));
  return minutes >= 0 ? parts.join(" ") + " late" : sign + parts.join(" ");
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  row.appendChild(td);
  return td;
}

function table(lines) {
  const el = document.createElement("table");
  el.className = "cm-table table table-striped deadline-board";
  const head = el.createTHead().insertRow();
  ["Case", "Deadline", "SOO", "Due", "How late"].forEach(title => {
    const th = document.createElement("th");
    th.textContent = title;
    th.scope = "col";
    head.appendChild(th);
  });
  const body = el.createTBody();
  lines.forEach(line => {
    const row = body.insertRow();
    row.className = line.overdue ? "deadline-overdue" : "deadline-soon";
    const link = document.createElement("a");
    link.href = "#/process-instance/" + encodeURIComponent(line.processInstanceId) + "/runtime";
    link.textContent = line.caseCode;
    cell(row, "").appendChild(link);
    cell(row, line.deadline);
    cell(row, line.soos.length ? line.soos.join(", ") : "not allocated");
    cell(row, dateTime.format(new Date(line.due)));
    cell(row, lateness(line.minutesLate), line.overdue ? "text-danger" : "");
  });
  return el;
}

export default {
  id: "deadlines",
  pluginPoint: "cockpit.dashboard",
  priority: 20,
  render: (node, { api }) => {
    const section = document.createElement("section");
    section.className = "deadline-board-section";
    const title = document.createElement("h3");
    title.textContent = "Deadlines overdue or due within a day";
    const status = document.createElement("p");
    status.textContent = "Loading…";
    section.append(title, status);
    node.appendChild(section);
    fetch(api.cockpitApi + "/plugin/deadlines/" + api.engine + "/deadlines", {
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-XSRF-TOKEN": api.CSRFToken }
    }).then(answer => {
      if (!answer.ok) {
        throw new Error(answer.status === 403 ? "The deadline board is for managers." : "The deadlines could not be read just now.");
      }
      return answer.json();
    }).then(lines => {
      const overdue = lines.filter(line => line.overdue).length;
      status.textContent = lines.length === 0 ? "No deadline is overdue or due within a day."
        : overdue + " overdue, " + (lines.length - overdue) + " due within a day.";
      if (lines.length) section.appendChild(table(lines));
    }).catch(problem => {
      status.textContent = problem.message;
    });
  }
};
