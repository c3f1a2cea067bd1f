<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message>
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>Touch the service you have come for</source>
        <translation>Touch the service you have come for</translation>
    </message>
    <message>
        <source>I don&apos;t know / other request</source>
        <translation>I don&apos;t know / other request</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>I have an appointment</translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>How was your visit?</translation>
    </message>
    <message>
        <source>Do you need to be seen first?</source>
        <translation>Do you need to be seen first?</translation>
    </message>
    <message>
        <source>For example: difficulty walking or standing, pregnancy, a disability, a small child in your arms.</source>
        <translation>For example: difficulty walking or standing, pregnancy, a disability, a small child in your arms.</translation>
    </message>
    <message>
        <source>Yes, I need priority</source>
        <translation>Yes, I need priority</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Your ticket</source>
        <translation>Your ticket</translation>
    </message>
    <message>
        <source>Follow your turn on your phone</source>
        <translation>Follow your turn on your phone</translation>
    </message>
    <message>
        <source>I have noted my number</source>
        <translation>I have noted my number</translation>
    </message>
    <message>
        <source>I have my ticket</source>
        <translation>I have my ticket</translation>
    </message>
    <message>
        <source>This service is closed now. Next opening here: {when}.</source>
        <translation>This service is closed now. Next opening here: {when}.</translation>
    </message>
    <message>
        <source>Type the {digits}-digit code you were given when you booked</source>
        <translation>Type the {digits}-digit code you were given when you booked</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Erase</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Call next</source>
        <extracomment>The key of each action; shown on its button (&quot;Call next (F1)&quot;).</extracomment>
        <translation>Call next</translation>
    </message>
    <message>
        <source>Call this ticket</source>
        <translation>Call this ticket</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Finish…</source>
        <translation>Finish…</translation>
    </message>
    <message>
        <source>Solved, call next</source>
        <translation>Solved, call next</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>No-show</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>Cancel ticket</source>
        <translation>Cancel ticket</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>Pause…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>Solved here</source>
        <translation>Solved here</translation>
    </message>
    <message>
        <source>Redirected to a partner</source>
        <translation>Redirected to a partner</translation>
    </message>
    <message>
        <source>Appointment booked</source>
        <translation>Appointment booked</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Follow-up needed</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>Lunch</translation>
    </message>
    <message>
        <source>Back-office work</source>
        <translation>Back-office work</translation>
    </message>
    <message>
        <source>On the phone</source>
        <translation>On the phone</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>Called</translation>
    </message>
    <message>
        <source>Being served</source>
        <translation>Being served</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 min</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{h} h {m:02d}</source>
        <translation>{h} h {m:02d}</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Appointment {time}</source>
        <translation>Appointment {time}</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>Issued at reception</source>
        <translation>Issued at reception</translation>
    </message>
    <message>
        <source>The general reception desk can help you now.</source>
        <translation>The general reception desk can help you now.</translation>
    </message>
    <message>
        <source>Take a ticket for general reception</source>
        <translation>Take a ticket for general reception</translation>
    </message>
    <message>
        <source>Staff only</source>
        <translation>Staff only</translation>
    </message>
    <message>
        <source>Enter a staff PIN to leave the kiosk</source>
        <translation>Enter a staff PIN to leave the kiosk</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Good</translation>
    </message>
    <message>
        <source>All right</source>
        <translation>All right</translation>
    </message>
    <message>
        <source>Not good</source>
        <translation>Not good</translation>
    </message>
    <message>
        <source>Which service did you see?</source>
        <translation>Which service did you see?</translation>
    </message>
    <message>
        <source>One tap is enough. Thank you!</source>
        <translation>One tap is enough. Thank you!</translation>
    </message>
    <message>
        <source>Larger text, high contrast</source>
        <translation>Larger text, high contrast</translation>
    </message>
    <message>
        <source>Read the screen aloud</source>
        <translation>Read the screen aloud</translation>
    </message>
    <message>
        <source>High contrast: on</source>
        <translation>High contrast: on</translation>
    </message>
    <message>
        <source>We cannot give tickets at the moment. Reception will help you.</source>
        <translation>We cannot give tickets at the moment. Reception will help you.</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>One moment…</translation>
    </message>
    <message>
        <source>Several tickets were just taken here.</source>
        <translation>Several tickets were just taken here.</translation>
    </message>
    <message>
        <source>Please wait a moment, or ask at reception.</source>
        <translation>Please wait a moment, or ask at reception.</translation>
    </message>
    <message>
        <source>Sorry, no ticket can be printed right now.</source>
        <translation>Sorry, no ticket can be printed right now.</translation>
    </message>
    <message>
        <source>Reception will help you.</source>
        <translation>Reception will help you.</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translation>Sorry, something went wrong.</translation>
    </message>
    <message>
        <source>Keep this screen&apos;s code: no printer here.</source>
        <translation>Keep this screen&apos;s code: no printer here.</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>Printing your ticket…</translation>
    </message>
    <message>
        <source>Please take your ticket below.</source>
        <translation>Please take your ticket below.</translation>
    </message>
    <message>
        <source>The printer is not working. Note your number: {number}. Reception has been told.</source>
        <translation>The printer is not working. Note your number: {number}. Reception has been told.</translation>
    </message>
    <message>
        <source>This code is not known. Please check it, or ask at reception.</source>
        <translation>This code is not known. Please check it, or ask at reception.</translation>
    </message>
    <message>
        <source>Too many tries. Please ask at reception.</source>
        <translation>Too many tries. Please ask at reception.</translation>
    </message>
    <message>
        <source>This code cannot be used now (already used, or the appointment is on another day). Please ask at reception.</source>
        <translation>This code cannot be used now (already used, or the appointment is on another day). Please ask at reception.</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Thank you!</translation>
    </message>
    <message>
        <source>Your answer helps us improve.</source>
        <translation>Your answer helps us improve.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Wrong PIN.</translation>
    </message>
    <message>
        <source>Too many tries. Please wait a minute.</source>
        <translation>Too many tries. Please wait a minute.</translation>
    </message>
    <message>
        <source>The hub cannot check the PIN right now.</source>
        <translation>The hub cannot check the PIN right now.</translation>
    </message>
    <message>
        <source>Link to the hub lost: the queue on this screen may be out of date. Reconnecting…</source>
        <extracomment>Another site silent for longer than this is worth telling staff (sync pushes every few seconds when all is well).</extracomment>
        <translation>Link to the hub lost: the queue on this screen may be out of date. Reconnecting…</translation>
    </message>
    <message>
        <source>Kiosk {n} printer</source>
        <translation>Kiosk {n} printer</translation>
    </message>
    <message>
        <source>Kiosk printer</source>
        <translation>Kiosk printer</translation>
    </message>
    <message>
        <source>{where}, since {time}
{fault}</source>
        <translation>{where}, since {time}
{fault}</translation>
    </message>
    <message>
        <source>No news from {site} since {time}</source>
        <translation>No news from {site} since {time}</translation>
    </message>
    <message>
        <source>the hub started</source>
        <translation>the hub started</translation>
    </message>
    <message>
        <source>out of paper: load a new roll</source>
        <translation>out of paper: load a new roll</translation>
    </message>
    <message>
        <source>paper roll nearly finished: prepare a new roll</source>
        <translation>paper roll nearly finished: prepare a new roll</translation>
    </message>
    <message>
        <source>cover open: close it</source>
        <translation>cover open: close it</translation>
    </message>
    <message>
        <source>printer offline: check it is switched on and not in error</source>
        <translation>printer offline: check it is switched on and not in error</translation>
    </message>
    <message>
        <source>printer unreachable: check its cable or network</source>
        <translation>printer unreachable: check its cable or network</translation>
    </message>
    <message>
        <source>printer error: switch it off and on</source>
        <translation>printer error: switch it off and on</translation>
    </message>
    <message>
        <source>printer fault</source>
        <translation>printer fault</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Book the appointment</source>
        <translation>Book the appointment</translation>
    </message>
    <message>
        <source>{service}, {day} at {time}. The visitor types this code at the kiosk on the day.</source>
        <translation>{service}, {day} at {time}. The visitor types this code at the kiosk on the day.</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>Current ticket</source>
        <extracomment>(action, row, column, column span, primary?) of the grid of buttons.</extracomment>
        <translation>Current ticket</translation>
    </message>
    <message>
        <source>No ticket at this counter</source>
        <translation>No ticket at this counter</translation>
    </message>
    <message>
        <source>Call the next visitor when you are ready.</source>
        <translation>Call the next visitor when you are ready.</translation>
    </message>
    <message>
        <source>Being served since {time}</source>
        <translation>Being served since {time}</translation>
    </message>
    <message>
        <source>Called at {time}</source>
        <translation>Called at {time}</translation>
    </message>
    <message>
        <source>recalled {n}×</source>
        <translation>recalled {n}×</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Waited</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Next to be called</source>
        <translation>Next to be called</translation>
    </message>
    <message>
        <source>{n} waiting, the longest for {wait}</source>
        <translation>{n} waiting, the longest for {wait}</translation>
    </message>
    <message>
        <source>{n} waiting, {wait}</source>
        <translation>{n} waiting, {wait}</translation>
    </message>
    <message>
        <source>nobody waiting</source>
        <translation>nobody waiting</translation>
    </message>
    <message>
        <source>Nobody is waiting.</source>
        <translation>Nobody is waiting.</translation>
    </message>
    <message>
        <source>Counter sign-in</source>
        <translation>Counter sign-in</translation>
    </message>
    <message>
        <source>Choose your counter:</source>
        <translation>Choose your counter:</translation>
    </message>
    <message>
        <source>Your PIN (keypad or keyboard), then OK:</source>
        <translation>Your PIN (keypad or keyboard), then OK:</translation>
    </message>
    <message>
        <source>Choose your counter first.</source>
        <translation>Choose your counter first.</translation>
    </message>
    <message>
        <source>served</source>
        <translation>served</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>median wait</source>
        <translation>median wait</translation>
    </message>
    <message>
        <source>no-shows</source>
        <translation>no-shows</translation>
    </message>
    <message>
        <source>Today at this counter</source>
        <translation>Today at this counter</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Priority ticket</source>
        <translation>Priority ticket</translation>
    </message>
    <message>
        <source>For pregnancy, disability, reduced mobility (if the service has a priority queue).</source>
        <translation>For pregnancy, disability, reduced mobility (if the service has a priority queue).</translation>
    </message>
    <message>
        <source>Issue the ticket</source>
        <translation>Issue the ticket</translation>
    </message>
    <message>
        <source>{service} · position {position} in the queue</source>
        <translation>{service} · position {position} in the queue</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Counter</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Visitor ticket</source>
        <translation>Visitor ticket</translation>
    </message>
    <message>
        <source>The hub cannot be reached: nothing was changed. Try again when the link is back.</source>
        <translation>The hub cannot be reached: nothing was changed. Try again when the link is back.</translation>
    </message>
    <message>
        <source>Service {service} is closed now: nothing was changed.</source>
        <translation>Service {service} is closed now: nothing was changed.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Something went wrong: {error}</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Retrying…</source>
        <translation>The hub cannot be reached. Retrying…</translation>
    </message>
    <message>
        <source>Wrong PIN for this counter. Try again.</source>
        <translation>Wrong PIN for this counter. Try again.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this counter is locked for a minute.</source>
        <translation>Too many wrong PINs: this counter is locked for a minute.</translation>
    </message>
    <message>
        <source>The hub cannot be reached: check the network, then try again.</source>
        <translation>The hub cannot be reached: check the network, then try again.</translation>
    </message>
    <message>
        <source>Your session has ended: please sign in again.</source>
        <translation>Your session has ended: please sign in again.</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>priority</translation>
    </message>
    <message>
        <source>Paused: {reason}</source>
        <translation>Paused: {reason}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Nobody is waiting for this counter.</source>
        <translation>Nobody is waiting for this counter.</translation>
    </message>
    <message>
        <source>Ticket {number} now waits for {service}.</source>
        <translation>Ticket {number} now waits for {service}.</translation>
    </message>
    <message>
        <source>How did the visit of {number} end?</source>
        <translation>How did the visit of {number} end?</translation>
    </message>
    <message>
        <source>Transfer {number} to which service?</source>
        <translation>Transfer {number} to which service?</translation>
    </message>
    <message>
        <source>Pause this counter: why?</source>
        <translation>Pause this counter: why?</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Charts</translation>
    </message>
    <message>
        <source>Per service</source>
        <translation>Per service</translation>
    </message>
    <message>
        <source>Per counter</source>
        <translation>Per counter</translation>
    </message>
    <message>
        <source>Per site</source>
        <translation>Per site</translation>
    </message>
    <message>
        <source>Visitors per hour of arrival</source>
        <translation>Visitors per hour of arrival</translation>
    </message>
    <message>
        <source>Visitors</source>
        <extracomment>(key, how to show it); a key&apos;s caption comes from :func:`captions`.</extracomment>
        <translation>Visitors</translation>
    </message>
    <message>
        <source>hour of arrival</source>
        <translation>hour of arrival</translation>
    </message>
    <message>
        <source>Visitors per service</source>
        <translation>Visitors per service</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Served</translation>
    </message>
    <message>
        <source>Visitors per day</source>
        <translation>Visitors per day</translation>
    </message>
    <message>
        <source>Same weekday, mean of the 4 weeks before</source>
        <translation>Same weekday, mean of the 4 weeks before</translation>
    </message>
    <message>
        <source>Today, so far</source>
        <translation>Today, so far</translation>
    </message>
    <message>
        <source>day (gaps: closed or no data)</source>
        <translation>day (gaps: closed or no data)</translation>
    </message>
    <message>
        <source>visitors</source>
        <translation>visitors</translation>
    </message>
    <message>
        <source>Waiting time before the call</source>
        <translation>Waiting time before the call</translation>
    </message>
    <message>
        <source>over {minutes} min: {n} visitors (not drawn)</source>
        <translation>over {minutes} min: {n} visitors (not drawn)</translation>
    </message>
    <message>
        <source>minutes of waiting (each bar: 5 minutes)</source>
        <translation>minutes of waiting (each bar: 5 minutes)</translation>
    </message>
    <message>
        <source>visitors per 5 minutes</source>
        <translation>visitors per 5 minutes</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Export CSV</translation>
    </message>
    <message>
        <source>Report (PDF)</source>
        <translation>Report (PDF)</translation>
    </message>
    <message>
        <source>Exporting CSV</source>
        <translation>Exporting CSV</translation>
    </message>
    <message>
        <source>CSV saved: {0}</source>
        <translation>CSV saved: {0}</translation>
    </message>
    <message>
        <source>Preparing the report</source>
        <translation>Preparing the report</translation>
    </message>
    <message numerus="yes">
        <source>Report saved: {0} (%Ln page(s))</source>
        <translation>
            <numerusform>Report saved: {0} (%Ln page)</numerusform>
            <numerusform>Report saved: {0} (%Ln pages)</numerusform>
        </translation>
    </message>
    <message>
        <source>Both sites</source>
        <translation>Both sites</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>Writing the report</translation>
    </message>
    <message>
        <source>The export failed: {0}</source>
        <translation>The export failed: {0}</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Range</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>All sites</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>All services</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} to {1}</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <source>Cancelled (visits)</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <source>Unmet demand</source>
        <translation>Unmet demand</translation>
    </message>
    <message>
        <source>Issued by reception</source>
        <translation>Issued by reception</translation>
    </message>
    <message>
        <source>Median wait</source>
        <translation>Median wait</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planning</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} h</translation>
    </message>
    <message>
        <source>Visitors: {0}
Asked while closed: {1}
Median wait: {2}
Seen within target: {3}
Held: {4}</source>
        <translation>Visitors: {0}
Asked while closed: {1}
Median wait: {2}
Seen within target: {3}
Held: {4}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nothing</translation>
    </message>
    <message numerus="yes">
        <source>{0}, {1} from {2} to {3}: %Ln visitor(s) asked for it while it was closed (about {4} a week)</source>
        <translation>
            <numerusform>{0}, {1} from {2} to {3}: %Ln visitor asked for it while it was closed (about {4} a week)</numerusform>
            <numerusform>{0}, {1} from {2} to {3}: %Ln visitors asked for it while it was closed (about {4} a week)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} at {1}: %Ln visitor(s), median wait {2}, {3} seen within the target</source>
        <translation>
            <numerusform>{0} at {1}: %Ln visitor, median wait {2}, {3} seen within the target</numerusform>
            <numerusform>{0} at {1}: %Ln visitors, median wait {2}, {3} seen within the target</numerusform>
        </translation>
    </message>
    <message>
        <source>Each cell: visitors who took a ticket in that hour; +N: visitors who asked for a service that was closed. Grey: no permanence held. Red: a share seen within the target wait below the target (the cell&apos;s tooltip gives the median wait).</source>
        <translation>Each cell: visitors who took a ticket in that hour; +N: visitors who asked for a service that was closed. Grey: no permanence held. Red: a share seen within the target wait below the target (the cell&apos;s tooltip gives the median wait).</translation>
    </message>
    <message>
        <source>Each cell: visitors who took a ticket in that hour; +N: visitors who asked for a service that was closed. Grey: no permanence held. Red frame: a share seen within the target wait below the target.</source>
        <translation>Each cell: visitors who took a ticket in that hour; +N: visitors who asked for a service that was closed. Grey: no permanence held. Red frame: a share seen within the target wait below the target.</translation>
    </message>
    <message>
        <source>The planning could not be read: {0}</source>
        <translation>The planning could not be read: {0}</translation>
    </message>
    <message>
        <source>Where an extra permanence would have served the most visitors:</source>
        <translation>Where an extra permanence would have served the most visitors:</translation>
    </message>
    <message>
        <source>No visitor asked for a closed service in these days.</source>
        <translation>No visitor asked for a closed service in these days.</translation>
    </message>
    <message>
        <source>Open hours below the service level target:</source>
        <translation>Open hours below the service level target:</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>None.</translation>
    </message>
    <message>
        <source>Seen within {0} min (target {1})</source>
        <translation>Seen within {0} min (target {1})</translation>
    </message>
    <message>
        <source>Visitors called within the target wait, of all visitors called or gone uncalled after it.</source>
        <translation>Visitors called within the target wait, of all visitors called or gone uncalled after it.</translation>
    </message>
    <message>
        <source>before: {0}</source>
        <translation>before: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Visitors&apos; feedback (%Ln answer(s))</source>
        <translation>
            <numerusform>Visitors&apos; feedback (%Ln answer)</numerusform>
            <numerusform>Visitors&apos; feedback (%Ln answers)</numerusform>
        </translation>
    </message>
    <message>
        <source>Previous period: {0}</source>
        <translation>Previous period: {0}</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>Within target</translation>
    </message>
    <message>
        <source>Wait, 90th pct.</source>
        <translation>Wait, 90th pct.</translation>
    </message>
    <message>
        <source>Median service</source>
        <translation>Median service</translation>
    </message>
    <message>
        <source>Solved on site</source>
        <translation>Solved on site</translation>
    </message>
    <message>
        <source>Priority tickets</source>
        <translation>Priority tickets</translation>
    </message>
    <message>
        <source>Tickets issued: a transfer is not a new visitor.</source>
        <translation>Tickets issued: a transfer is not a new visitor.</translation>
    </message>
    <message>
        <source>Services asked for at the kiosk while closed or absent.</source>
        <translation>Services asked for at the kiosk while closed or absent.</translation>
    </message>
    <message>
        <source>Nine visitors in ten waited less than this.</source>
        <translation>Nine visitors in ten waited less than this.</translation>
    </message>
    <message>
        <source>Visits finished with the outcome &quot;solved here&quot;, of those served.</source>
        <translation>Visits finished with the outcome &quot;solved here&quot;, of those served.</translation>
    </message>
    <message>
        <source>Priority tickets, of all visitors.</source>
        <translation>Priority tickets, of all visitors.</translation>
    </message>
    <message>
        <source>Happy</source>
        <translation>Happy</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Unhappy</source>
        <translation>Unhappy</translation>
    </message>
    <message>
        <source>Monthly report — {0}</source>
        <extracomment>The service table&apos;s columns on paper (the screen has more room).</extracomment>
        <translation>Monthly report — {0}</translation>
    </message>
    <message>
        <source>Footfall report — {0}</source>
        <translation>Footfall report — {0}</translation>
    </message>
    <message>
        <source>Made on {0}</source>
        <translation>Made on {0}</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Page {0} of {1}</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>Headline figures</translation>
    </message>
    <message>
        <source>Site</source>
        <extracomment>Width of a name column (site, service) against a figure&apos;s.</extracomment>
        <translation>Site</translation>
    </message>
    <message>
        <source>Per site and service</source>
        <translation>Per site and service</translation>
    </message>
    <message>
        <source>No visits in these days.</source>
        <translation>No visits in these days.</translation>
    </message>
    <message>
        <source>Dashboard sign-in</source>
        <translation>Dashboard sign-in</translation>
    </message>
    <message>
        <source>Figures are for the house&apos;s managers. Choose your name and type your PIN.</source>
        <translation>Figures are for the house&apos;s managers. Choose your name and type your PIN.</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>No manager is declared in this site&apos;s file: add one under [[managers]] to open the dashboard.</source>
        <translation>No manager is declared in this site&apos;s file: add one under [[managers]] to open the dashboard.</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>Choose your name first.</translation>
    </message>
    <message>
        <source>Type your PIN first.</source>
        <translation>Type your PIN first.</translation>
    </message>
    <message>
        <source>Transfers in</source>
        <translation>Transfers in</translation>
    </message>
    <message>
        <source>Transfers out</source>
        <translation>Transfers out</translation>
    </message>
    <message>
        <source>Wait p90</source>
        <translation>Wait p90</translation>
    </message>
    <message>
        <source>By reception</source>
        <translation>By reception</translation>
    </message>
    <message>
        <source>Feedback answers</source>
        <translation>Feedback answers</translation>
    </message>
    <message>
        <source>Visitors: tickets taken; a transfer is not a new visitor.</source>
        <translation>Visitors: tickets taken; a transfer is not a new visitor.</translation>
    </message>
    <message>
        <source>Served: visitors received at a counter (a transferred visitor is received by each service).</source>
        <translation>Served: visitors received at a counter (a transferred visitor is received by each service).</translation>
    </message>
    <message>
        <source>No-shows: called, but did not come.</source>
        <translation>No-shows: called, but did not come.</translation>
    </message>
    <message>
        <source>Transfers in: visitors sent here by another service.</source>
        <translation>Transfers in: visitors sent here by another service.</translation>
    </message>
    <message>
        <source>Transfers out: visitors sent on to another service.</source>
        <translation>Transfers out: visitors sent on to another service.</translation>
    </message>
    <message>
        <source>Tickets given by the reception desk rather than the kiosk.</source>
        <translation>Tickets given by the reception desk rather than the kiosk.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Share of the site&apos;s visits served</source>
        <translation>Share of the site&apos;s visits served</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The hub cannot be reached; trying again…</source>
        <translation>The hub cannot be reached; trying again…</translation>
    </message>
    <message>
        <source>Preparing the figures, a month at a time</source>
        <translation>Preparing the figures, a month at a time</translation>
    </message>
    <message>
        <source>The figures could not be read: {0}</source>
        <translation>The figures could not be read: {0}</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>{0}: data up to {1} included</source>
        <translation>{0}: data up to {1} included</translation>
    </message>
    <message>
        <source>{0}: data up to {1}</source>
        <translation>{0}: data up to {1}</translation>
    </message>
    <message>
        <source>{0}: data up to {2} {1}</source>
        <translation>{0}: data up to {2} {1}</translation>
    </message>
    <message>
        <source>{0}: no data for these days</source>
        <translation>{0}: no data for these days</translation>
    </message>
    <message>
        <source>(link not established yet)</source>
        <translation>(link not established yet)</translation>
    </message>
    <message>
        <source>Counters cannot open the dashboard: sign in with a manager&apos;s PIN.</source>
        <translation>Counters cannot open the dashboard: sign in with a manager&apos;s PIN.</translation>
    </message>
    <message>
        <source>Wrong name or PIN.</source>
        <translation>Wrong name or PIN.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: wait a minute, then try again.</source>
        <translation>Too many wrong PINs: wait a minute, then try again.</translation>
    </message>
    <message>
        <source>Now calling</source>
        <translation>Now calling</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>recall</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>latest</translation>
    </message>
    <message>
        <source>Last calls</source>
        <translation>Last calls</translation>
    </message>
    <message>
        <source>Welcome. Please take a seat: your number will be shown here and called out.</source>
        <translation>Welcome. Please take a seat: your number will be shown here and called out.</translation>
    </message>
    <message>
        <source>Connection lost, reconnecting…</source>
        <translation>Connection lost, reconnecting…</translation>
    </message>
    <message>
        <source>All services are closed at the moment.</source>
        <translation>All services are closed at the moment.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Waiting-room display</source>
        <translation>Waiting-room display</translation>
    </message>
    <message>
        <source>kiosk demonstration — {site}</source>
        <extracomment>The desktop a first run is planned for; a smaller free area wins.</extracomment>
        <translation>kiosk demonstration — {site}</translation>
    </message>
    <message>
        <source>Demonstration: pick a screen</source>
        <translation>Demonstration: pick a screen</translation>
    </message>
</context>
</TS>
