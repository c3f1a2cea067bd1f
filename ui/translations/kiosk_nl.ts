<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name></name>
    <message>
        <source>Welcome</source>
        <translation>Welkom</translation>
    </message>
    <message>
        <source>Touch the service you have come for</source>
        <translation>Raak de dienst aan waarvoor u komt</translation>
    </message>
    <message>
        <source>I don&apos;t know / other request</source>
        <translation>Ik weet het niet / andere vraag</translation>
    </message>
    <message>
        <source>I have an appointment</source>
        <translation>Ik heb een afspraak</translation>
    </message>
    <message>
        <source>How was your visit?</source>
        <translation>Hoe was uw bezoek?</translation>
    </message>
    <message>
        <source>Do you need to be seen first?</source>
        <translation>Moet u voorrang krijgen?</translation>
    </message>
    <message>
        <source>For example: difficulty walking or standing, pregnancy, a disability, a small child in your arms.</source>
        <translation>Bijvoorbeeld: moeite met lopen of staan, zwangerschap, een handicap, een klein kind op de arm.</translation>
    </message>
    <message>
        <source>Yes, I need priority</source>
        <translation>Ja, ik heb voorrang nodig</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nee</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Your ticket</source>
        <translation>Uw ticket</translation>
    </message>
    <message>
        <source>Follow your turn on your phone</source>
        <translation>Volg uw beurt op uw telefoon</translation>
    </message>
    <message>
        <source>I have noted my number</source>
        <translation>Ik heb mijn nummer genoteerd</translation>
    </message>
    <message>
        <source>I have my ticket</source>
        <translation>Ik heb mijn ticket</translation>
    </message>
    <message>
        <source>This service is closed now. Next opening here: {when}.</source>
        <translation>Deze dienst is nu gesloten. Volgende opening hier: {when}.</translation>
    </message>
    <message>
        <source>Type the {digits}-digit code you were given when you booked</source>
        <translation>Typ de code van {digits} cijfers die u kreeg bij het maken van de afspraak</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Call next</source>
        <extracomment>The key of each action; shown on its button (&quot;Call next (F1)&quot;).</extracomment>
        <translation>Volgende oproepen</translation>
    </message>
    <message>
        <source>Call this ticket</source>
        <translation>Dit ticket oproepen</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Opnieuw oproepen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Finish…</source>
        <translation>Afronden…</translation>
    </message>
    <message>
        <source>Solved, call next</source>
        <translation>Opgelost, volgende oproepen</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>Niet verschenen</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Overdragen…</translation>
    </message>
    <message>
        <source>Cancel ticket</source>
        <translation>Ticket annuleren</translation>
    </message>
    <message>
        <source>Pause…</source>
        <translation>Pauzeren…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Hervatten</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Heractiveren</translation>
    </message>
    <message>
        <source>Solved here</source>
        <translation>Hier opgelost</translation>
    </message>
    <message>
        <source>Redirected to a partner</source>
        <translation>Doorverwezen naar een partner</translation>
    </message>
    <message>
        <source>Appointment booked</source>
        <translation>Afspraak gemaakt</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Opvolging nodig</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pauze</translation>
    </message>
    <message>
        <source>Lunch</source>
        <translation>Middagpauze</translation>
    </message>
    <message>
        <source>Back-office work</source>
        <translation>Administratief werk</translation>
    </message>
    <message>
        <source>On the phone</source>
        <translation>Aan de telefoon</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Vergadering</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Andere</translation>
    </message>
    <message>
        <source>Called</source>
        <translation>Opgeroepen</translation>
    </message>
    <message>
        <source>Being served</source>
        <translation>Wordt geholpen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Geannuleerd</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Overgedragen</translation>
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
        <translation>{h} u {m:02d}</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Voorrang</translation>
    </message>
    <message>
        <source>Appointment {time}</source>
        <translation>Afspraak {time}</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Afspraak</translation>
    </message>
    <message>
        <source>Issued at reception</source>
        <translation>Uitgegeven aan de balie</translation>
    </message>
    <message>
        <source>The general reception desk can help you now.</source>
        <translation>De algemene balie kan u nu helpen.</translation>
    </message>
    <message>
        <source>Take a ticket for general reception</source>
        <translation>Neem een ticket voor de algemene balie</translation>
    </message>
    <message>
        <source>Staff only</source>
        <translation>Alleen voor personeel</translation>
    </message>
    <message>
        <source>Enter a staff PIN to leave the kiosk</source>
        <translation>Voer een personeelscode in om de zuil te verlaten</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Goed</translation>
    </message>
    <message>
        <source>All right</source>
        <translation>Gaat wel</translation>
    </message>
    <message>
        <source>Not good</source>
        <translation>Niet goed</translation>
    </message>
    <message>
        <source>Which service did you see?</source>
        <translation>Bij welke dienst was u?</translation>
    </message>
    <message>
        <source>One tap is enough. Thank you!</source>
        <translation>Eén keer aanraken is genoeg. Dank u!</translation>
    </message>
    <message>
        <source>Larger text, high contrast</source>
        <translation>Grotere tekst, hoog contrast</translation>
    </message>
    <message>
        <source>Read the screen aloud</source>
        <translation>Scherm voorlezen</translation>
    </message>
    <message>
        <source>High contrast: on</source>
        <translation>Hoog contrast: aan</translation>
    </message>
    <message>
        <source>We cannot give tickets at the moment. Reception will help you.</source>
        <translation>We kunnen op dit moment geen tickets geven. De balie helpt u verder.</translation>
    </message>
    <message>
        <source>One moment…</source>
        <translation>Een ogenblik…</translation>
    </message>
    <message>
        <source>Several tickets were just taken here.</source>
        <translation>Hier zijn net meerdere tickets genomen.</translation>
    </message>
    <message>
        <source>Please wait a moment, or ask at reception.</source>
        <translation>Wacht even, of vraag het aan de balie.</translation>
    </message>
    <message>
        <source>Sorry, no ticket can be printed right now.</source>
        <translation>Sorry, er kan nu geen ticket worden afgedrukt.</translation>
    </message>
    <message>
        <source>Reception will help you.</source>
        <translation>De balie helpt u verder.</translation>
    </message>
    <message>
        <source>Sorry, something went wrong.</source>
        <translation>Sorry, er ging iets mis.</translation>
    </message>
    <message>
        <source>Keep this screen&apos;s code: no printer here.</source>
        <translation>Bewaar de code op dit scherm: hier is geen printer.</translation>
    </message>
    <message>
        <source>Printing your ticket…</source>
        <translation>Uw ticket wordt afgedrukt…</translation>
    </message>
    <message>
        <source>Please take your ticket below.</source>
        <translation>Neem uw ticket hieronder.</translation>
    </message>
    <message>
        <source>The printer is not working. Note your number: {number}. Reception has been told.</source>
        <translation>De printer werkt niet. Noteer uw nummer: {number}. De balie is verwittigd.</translation>
    </message>
    <message>
        <source>This code is not known. Please check it, or ask at reception.</source>
        <translation>Deze code is onbekend. Controleer hem of vraag het aan de balie.</translation>
    </message>
    <message>
        <source>Too many tries. Please ask at reception.</source>
        <translation>Te veel pogingen. Vraag het aan de balie.</translation>
    </message>
    <message>
        <source>This code cannot be used now (already used, or the appointment is on another day). Please ask at reception.</source>
        <translation>Deze code kan nu niet worden gebruikt (al gebruikt, of de afspraak is op een andere dag). Vraag het aan de balie.</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Dank u!</translation>
    </message>
    <message>
        <source>Your answer helps us improve.</source>
        <translation>Uw antwoord helpt ons beter te worden.</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>Verkeerde code.</translation>
    </message>
    <message>
        <source>Too many tries. Please wait a minute.</source>
        <translation>Te veel pogingen. Wacht een minuut.</translation>
    </message>
    <message>
        <source>The hub cannot check the PIN right now.</source>
        <translation>De server kan de code nu niet controleren.</translation>
    </message>
    <message>
        <source>Link to the hub lost: the queue on this screen may be out of date. Reconnecting…</source>
        <extracomment>Another site silent for longer than this is worth telling staff (sync pushes every few seconds when all is well).</extracomment>
        <translation>Verbinding met de server verbroken: de wachtrij op dit scherm is mogelijk niet meer actueel. Opnieuw verbinden…</translation>
    </message>
    <message>
        <source>Kiosk {n} printer</source>
        <translation>Printer van zuil {n}</translation>
    </message>
    <message>
        <source>Kiosk printer</source>
        <translation>Printer van de zuil</translation>
    </message>
    <message>
        <source>{where}, since {time}
{fault}</source>
        <translation>{where}, sinds {time}
{fault}</translation>
    </message>
    <message>
        <source>No news from {site} since {time}</source>
        <translation>Geen bericht van {site} sinds {time}</translation>
    </message>
    <message>
        <source>the hub started</source>
        <translation>de start van de server</translation>
    </message>
    <message>
        <source>out of paper: load a new roll</source>
        <translation>papier op: plaats een nieuwe rol</translation>
    </message>
    <message>
        <source>paper roll nearly finished: prepare a new roll</source>
        <translation>papierrol bijna op: leg een nieuwe rol klaar</translation>
    </message>
    <message>
        <source>cover open: close it</source>
        <translation>klep open: sluit de klep</translation>
    </message>
    <message>
        <source>printer offline: check it is switched on and not in error</source>
        <translation>printer offline: controleer of hij aanstaat en geen fout aangeeft</translation>
    </message>
    <message>
        <source>printer unreachable: check its cable or network</source>
        <translation>printer onbereikbaar: controleer de kabel of het netwerk</translation>
    </message>
    <message>
        <source>printer error: switch it off and on</source>
        <translation>printerfout: zet hem uit en weer aan</translation>
    </message>
    <message>
        <source>printer fault</source>
        <translation>printerstoring</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Dag</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijdstip</translation>
    </message>
    <message>
        <source>Book the appointment</source>
        <translation>Afspraak maken</translation>
    </message>
    <message>
        <source>{service}, {day} at {time}. The visitor types this code at the kiosk on the day.</source>
        <translation>{service}, {day} om {time}. De bezoeker voert deze code op de dag zelf in aan de zuil.</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Terug (Esc)</translation>
    </message>
    <message>
        <source>Current ticket</source>
        <extracomment>(action, row, column, column span, primary?) of the grid of buttons.</extracomment>
        <translation>Huidig ticket</translation>
    </message>
    <message>
        <source>No ticket at this counter</source>
        <translation>Geen ticket aan dit loket</translation>
    </message>
    <message>
        <source>Call the next visitor when you are ready.</source>
        <translation>Roep de volgende bezoeker op wanneer u klaar bent.</translation>
    </message>
    <message>
        <source>Being served since {time}</source>
        <translation>Wordt geholpen sinds {time}</translation>
    </message>
    <message>
        <source>Called at {time}</source>
        <translation>Opgeroepen om {time}</translation>
    </message>
    <message>
        <source>recalled {n}×</source>
        <translation>{n}× opnieuw opgeroepen</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>In de wachtrij</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Waited</source>
        <translation>Wachttijd</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Opmerkingen</translation>
    </message>
    <message>
        <source>Next to be called</source>
        <translation>Volgende oproep</translation>
    </message>
    <message>
        <source>{n} waiting, the longest for {wait}</source>
        <translation>{n} wachtend, de langste sinds {wait}</translation>
    </message>
    <message>
        <source>{n} waiting, {wait}</source>
        <translation>{n} wachtend, {wait}</translation>
    </message>
    <message>
        <source>nobody waiting</source>
        <translation>niemand wacht</translation>
    </message>
    <message>
        <source>Nobody is waiting.</source>
        <translation>Niemand wacht.</translation>
    </message>
    <message>
        <source>Counter sign-in</source>
        <translation>Aanmelden aan het loket</translation>
    </message>
    <message>
        <source>Choose your counter:</source>
        <translation>Kies uw loket:</translation>
    </message>
    <message>
        <source>Your PIN (keypad or keyboard), then OK:</source>
        <translation>Uw pincode (toetsenblok of toetsenbord), dan OK:</translation>
    </message>
    <message>
        <source>Choose your counter first.</source>
        <translation>Kies eerst uw loket.</translation>
    </message>
    <message>
        <source>served</source>
        <translation>geholpen</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>wachtend</translation>
    </message>
    <message>
        <source>median wait</source>
        <translation>mediane wachttijd</translation>
    </message>
    <message>
        <source>no-shows</source>
        <translation>niet verschenen</translation>
    </message>
    <message>
        <source>Today at this counter</source>
        <translation>Vandaag aan dit loket</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Priority ticket</source>
        <translation>Voorrangsticket</translation>
    </message>
    <message>
        <source>For pregnancy, disability, reduced mobility (if the service has a priority queue).</source>
        <translation>Bij zwangerschap, handicap, beperkte mobiliteit (als de dienst een voorrangsrij heeft).</translation>
    </message>
    <message>
        <source>Issue the ticket</source>
        <translation>Ticket uitgeven</translation>
    </message>
    <message>
        <source>{service} · position {position} in the queue</source>
        <translation>{service} · plaats {position} in de wachtrij</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Loket</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Afmelden</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <source>Visitor ticket</source>
        <translation>Bezoekersticket</translation>
    </message>
    <message>
        <source>The hub cannot be reached: nothing was changed. Try again when the link is back.</source>
        <translation>De server is onbereikbaar: er is niets gewijzigd. Probeer opnieuw zodra de verbinding hersteld is.</translation>
    </message>
    <message>
        <source>Service {service} is closed now: nothing was changed.</source>
        <translation>Dienst {service} is nu gesloten: er is niets gewijzigd.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Er ging iets mis: {error}</translation>
    </message>
    <message>
        <source>The hub cannot be reached. Retrying…</source>
        <translation>De server is onbereikbaar. Nieuwe poging…</translation>
    </message>
    <message>
        <source>Wrong PIN for this counter. Try again.</source>
        <translation>Verkeerde pincode voor dit loket. Probeer opnieuw.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this counter is locked for a minute.</source>
        <translation>Te veel verkeerde pincodes: dit loket is een minuut geblokkeerd.</translation>
    </message>
    <message>
        <source>The hub cannot be reached: check the network, then try again.</source>
        <translation>De server is onbereikbaar: controleer het netwerk en probeer opnieuw.</translation>
    </message>
    <message>
        <source>Your session has ended: please sign in again.</source>
        <translation>Uw sessie is beëindigd: meld u opnieuw aan.</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>voorrang</translation>
    </message>
    <message>
        <source>Paused: {reason}</source>
        <translation>Gepauzeerd: {reason}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Nobody is waiting for this counter.</source>
        <translation>Niemand wacht voor dit loket.</translation>
    </message>
    <message>
        <source>Ticket {number} now waits for {service}.</source>
        <translation>Ticket {number} wacht nu voor {service}.</translation>
    </message>
    <message>
        <source>How did the visit of {number} end?</source>
        <translation>Hoe is het bezoek van ticket {number} afgelopen?</translation>
    </message>
    <message>
        <source>Transfer {number} to which service?</source>
        <translation>Ticket {number} overdragen naar welke dienst?</translation>
    </message>
    <message>
        <source>Pause this counter: why?</source>
        <translation>Dit loket pauzeren: waarom?</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Grafieken</translation>
    </message>
    <message>
        <source>Per service</source>
        <translation>Per dienst</translation>
    </message>
    <message>
        <source>Per counter</source>
        <translation>Per loket</translation>
    </message>
    <message>
        <source>Per site</source>
        <translation>Per locatie</translation>
    </message>
    <message>
        <source>Visitors per hour of arrival</source>
        <translation>Bezoekers per aankomstuur</translation>
    </message>
    <message>
        <source>Visitors</source>
        <extracomment>(key, how to show it); a key&apos;s caption comes from :func:`captions`.</extracomment>
        <translation>Bezoekers</translation>
    </message>
    <message>
        <source>hour of arrival</source>
        <translation>aankomstuur</translation>
    </message>
    <message>
        <source>Visitors per service</source>
        <translation>Bezoekers per dienst</translation>
    </message>
    <message>
        <source>Served</source>
        <translation>Geholpen</translation>
    </message>
    <message>
        <source>Visitors per day</source>
        <translation>Bezoekers per dag</translation>
    </message>
    <message>
        <source>Same weekday, mean of the 4 weeks before</source>
        <translation>Zelfde weekdag, gemiddelde van de 4 weken ervoor</translation>
    </message>
    <message>
        <source>Today, so far</source>
        <translation>Vandaag, tot nu toe</translation>
    </message>
    <message>
        <source>day (gaps: closed or no data)</source>
        <translation>dag (gaten: gesloten of geen gegevens)</translation>
    </message>
    <message>
        <source>visitors</source>
        <translation>bezoekers</translation>
    </message>
    <message>
        <source>Waiting time before the call</source>
        <translation>Wachttijd vóór de oproep</translation>
    </message>
    <message>
        <source>over {minutes} min: {n} visitors (not drawn)</source>
        <translation>meer dan {minutes} min: {n} bezoekers (niet getekend)</translation>
    </message>
    <message>
        <source>minutes of waiting (each bar: 5 minutes)</source>
        <translation>minuten wachten (elke balk: 5 minuten)</translation>
    </message>
    <message>
        <source>visitors per 5 minutes</source>
        <translation>bezoekers per 5 minuten</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV exporteren</translation>
    </message>
    <message>
        <source>Report (PDF)</source>
        <translation>Rapport (PDF)</translation>
    </message>
    <message>
        <source>Exporting CSV</source>
        <translation>CSV wordt geëxporteerd</translation>
    </message>
    <message>
        <source>CSV saved: {0}</source>
        <translation>CSV opgeslagen: {0}</translation>
    </message>
    <message>
        <source>Preparing the report</source>
        <translation>Rapport wordt voorbereid</translation>
    </message>
    <message numerus="yes">
        <source>Report saved: {0} (%Ln page(s))</source>
        <translation>
            <numerusform>Rapport opgeslagen: {0} (%Ln pagina)</numerusform>
            <numerusform>Rapport opgeslagen: {0} (%Ln pagina&apos;s)</numerusform>
        </translation>
    </message>
    <message>
        <source>Both sites</source>
        <translation>Beide locaties</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>Rapport wordt opgemaakt</translation>
    </message>
    <message>
        <source>The export failed: {0}</source>
        <translation>De export is mislukt: {0}</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Maand</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Vorige</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Volgende</translation>
    </message>
    <message>
        <source>All sites</source>
        <translation>Alle locaties</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>Alle diensten</translation>
    </message>
    <message>
        <source>{0} min</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>{0} tot en met {1}</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>Niet verschenen</translation>
    </message>
    <message>
        <source>Cancelled (visits)</source>
        <translation>Geannuleerd</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Overdrachten</translation>
    </message>
    <message>
        <source>Unmet demand</source>
        <translation>Onbeantwoorde vraag</translation>
    </message>
    <message>
        <source>Issued by reception</source>
        <translation>Uitgegeven door de balie</translation>
    </message>
    <message>
        <source>Median wait</source>
        <translation>Mediane wachttijd</translation>
    </message>
    <message>
        <source>Planning</source>
        <translation>Planning</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} u</translation>
    </message>
    <message>
        <source>Visitors: {0}
Asked while closed: {1}
Median wait: {2}
Seen within target: {3}
Held: {4}</source>
        <translation>Bezoekers: {0}
Gevraagd terwijl gesloten: {1}
Mediane wachttijd: {2}
Binnen doel geholpen: {3}
Open: {4}</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>niets</translation>
    </message>
    <message numerus="yes">
        <source>{0}, {1} from {2} to {3}: %Ln visitor(s) asked for it while it was closed (about {4} a week)</source>
        <translation>
            <numerusform>{0}, op {1} van {2} tot {3}: %Ln bezoeker vroeg erom terwijl het gesloten was (ongeveer {4} per week)</numerusform>
            <numerusform>{0}, op {1} van {2} tot {3}: %Ln bezoekers vroegen erom terwijl het gesloten was (ongeveer {4} per week)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} at {1}: %Ln visitor(s), median wait {2}, {3} seen within the target</source>
        <translation>
            <numerusform>Op {0} om {1}: %Ln bezoeker, mediane wachttijd {2}, {3} binnen het doel geholpen</numerusform>
            <numerusform>Op {0} om {1}: %Ln bezoekers, mediane wachttijd {2}, {3} binnen het doel geholpen</numerusform>
        </translation>
    </message>
    <message>
        <source>Each cell: visitors who took a ticket in that hour; +N: visitors who asked for a service that was closed. Grey: no permanence held. Red: a share seen within the target wait below the target (the cell&apos;s tooltip gives the median wait).</source>
        <translation>Elke cel: bezoekers die in dat uur een ticket namen; +N: bezoekers die vroegen naar een dienst die gesloten was. Grijs: geen spreekuur. Rood: een aandeel bezoekers binnen de beoogde wachttijd geholpen onder het doel (de knopinfo van de cel geeft de mediane wachttijd).</translation>
    </message>
    <message>
        <source>Each cell: visitors who took a ticket in that hour; +N: visitors who asked for a service that was closed. Grey: no permanence held. Red frame: a share seen within the target wait below the target.</source>
        <translation>Elke cel: bezoekers die in dat uur een ticket namen; +N: bezoekers die vroegen naar een dienst die gesloten was. Grijs: geen spreekuur. Rood kader: een aandeel bezoekers binnen de beoogde wachttijd geholpen onder het doel.</translation>
    </message>
    <message>
        <source>The planning could not be read: {0}</source>
        <translation>De planning kon niet gelezen worden: {0}</translation>
    </message>
    <message>
        <source>Where an extra permanence would have served the most visitors:</source>
        <translation>Waar een extra zitdag de meeste bezoekers had geholpen:</translation>
    </message>
    <message>
        <source>No visitor asked for a closed service in these days.</source>
        <translation>Geen enkele bezoeker vroeg in deze dagen een gesloten dienst.</translation>
    </message>
    <message>
        <source>Open hours below the service level target:</source>
        <translation>Open uren onder het doel:</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Geen.</translation>
    </message>
    <message>
        <source>Seen within {0} min (target {1})</source>
        <translation>Geholpen binnen {0} min (doel {1})</translation>
    </message>
    <message>
        <source>Visitors called within the target wait, of all visitors called or gone uncalled after it.</source>
        <translation>Bezoekers opgeroepen binnen de beoogde wachttijd, van alle bezoekers die opgeroepen werden of na die tijd zonder oproep vertrokken.</translation>
    </message>
    <message>
        <source>before: {0}</source>
        <translation>eerder: {0}</translation>
    </message>
    <message numerus="yes">
        <source>Visitors&apos; feedback (%Ln answer(s))</source>
        <translation>
            <numerusform>Feedback van bezoekers (%Ln antwoord)</numerusform>
            <numerusform>Feedback van bezoekers (%Ln antwoorden)</numerusform>
        </translation>
    </message>
    <message>
        <source>Previous period: {0}</source>
        <translation>Vorige periode: {0}</translation>
    </message>
    <message>
        <source>Within target</source>
        <translation>Binnen doel</translation>
    </message>
    <message>
        <source>Wait, 90th pct.</source>
        <translation>Wachttijd, 90e percentiel</translation>
    </message>
    <message>
        <source>Median service</source>
        <translation>Mediane behandelduur</translation>
    </message>
    <message>
        <source>Solved on site</source>
        <translation>Ter plaatse opgelost</translation>
    </message>
    <message>
        <source>Priority tickets</source>
        <translation>Voorrangstickets</translation>
    </message>
    <message>
        <source>Tickets issued: a transfer is not a new visitor.</source>
        <translation>Uitgegeven tickets: een overdracht telt niet als nieuwe bezoeker.</translation>
    </message>
    <message>
        <source>Services asked for at the kiosk while closed or absent.</source>
        <translation>Diensten die aan de zuil gevraagd werden terwijl ze gesloten of afwezig waren.</translation>
    </message>
    <message>
        <source>Nine visitors in ten waited less than this.</source>
        <translation>Negen op de tien bezoekers wachtten korter dan dit.</translation>
    </message>
    <message>
        <source>Visits finished with the outcome &quot;solved here&quot;, of those served.</source>
        <translation>Bezoeken afgesloten met de uitkomst &quot;hier opgelost&quot;, van alle geholpen bezoekers.</translation>
    </message>
    <message>
        <source>Priority tickets, of all visitors.</source>
        <translation>Voorrangstickets, van alle bezoekers.</translation>
    </message>
    <message>
        <source>Happy</source>
        <translation>Tevreden</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutraal</translation>
    </message>
    <message>
        <source>Unhappy</source>
        <translation>Ontevreden</translation>
    </message>
    <message>
        <source>Monthly report — {0}</source>
        <extracomment>The service table&apos;s columns on paper (the screen has more room).</extracomment>
        <translation>Maandrapport — {0}</translation>
    </message>
    <message>
        <source>Footfall report — {0}</source>
        <translation>Bezoekersrapport — {0}</translation>
    </message>
    <message>
        <source>Made on {0}</source>
        <translation>Opgemaakt op {0}</translation>
    </message>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Pagina {0} van {1}</translation>
    </message>
    <message>
        <source>Headline figures</source>
        <translation>Kerncijfers</translation>
    </message>
    <message>
        <source>Site</source>
        <extracomment>Width of a name column (site, service) against a figure&apos;s.</extracomment>
        <translation>Locatie</translation>
    </message>
    <message>
        <source>Per site and service</source>
        <translation>Per locatie en dienst</translation>
    </message>
    <message>
        <source>No visits in these days.</source>
        <translation>Geen bezoeken in deze periode.</translation>
    </message>
    <message>
        <source>Dashboard sign-in</source>
        <translation>Aanmelden op het dashboard</translation>
    </message>
    <message>
        <source>Figures are for the house&apos;s managers. Choose your name and type your PIN.</source>
        <translation>De cijfers zijn voorbehouden aan de leidinggevenden van het huis. Kies uw naam en voer uw pincode in.</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Leidinggevende</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Pincode</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Aanmelden</translation>
    </message>
    <message>
        <source>No manager is declared in this site&apos;s file: add one under [[managers]] to open the dashboard.</source>
        <translation>Er is geen leidinggevende opgegeven in het bestand van deze locatie: voeg er een toe onder [[managers]] om het dashboard te openen.</translation>
    </message>
    <message>
        <source>Choose your name first.</source>
        <translation>Kies eerst uw naam.</translation>
    </message>
    <message>
        <source>Type your PIN first.</source>
        <translation>Voer eerst uw pincode in.</translation>
    </message>
    <message>
        <source>Transfers in</source>
        <translation>Inkomende overdrachten</translation>
    </message>
    <message>
        <source>Transfers out</source>
        <translation>Uitgaande over­drachten</translation>
    </message>
    <message>
        <source>Wait p90</source>
        <translation>Wachttijd p90</translation>
    </message>
    <message>
        <source>By reception</source>
        <translation>Via de balie</translation>
    </message>
    <message>
        <source>Feedback answers</source>
        <translation>Feedback­antwoorden</translation>
    </message>
    <message>
        <source>Visitors: tickets taken; a transfer is not a new visitor.</source>
        <translation>Bezoekers: genomen tickets; een doorverwijzing is geen nieuwe bezoeker.</translation>
    </message>
    <message>
        <source>Served: visitors received at a counter (a transferred visitor is received by each service).</source>
        <translation>Ontvangen: bezoekers die aan een loket geholpen zijn (een doorverwezen bezoeker telt bij elke dienst).</translation>
    </message>
    <message>
        <source>No-shows: called, but did not come.</source>
        <translation>Afwezig: afgeroepen, maar niet gekomen.</translation>
    </message>
    <message>
        <source>Transfers in: visitors sent here by another service.</source>
        <translation>Inkomende doorverwijzingen: bezoekers door een andere dienst hierheen gestuurd.</translation>
    </message>
    <message>
        <source>Transfers out: visitors sent on to another service.</source>
        <translation>Uitgaande doorverwijzingen: bezoekers naar een andere dienst gestuurd.</translation>
    </message>
    <message>
        <source>Tickets given by the reception desk rather than the kiosk.</source>
        <translation>Tickets gegeven door de balie in plaats van de zuil.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totaal</translation>
    </message>
    <message>
        <source>Share of the site&apos;s visits served</source>
        <translation>Aandeel in de bezoeken van de locatie</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>The hub cannot be reached; trying again…</source>
        <translation>De server is onbereikbaar; nieuwe poging…</translation>
    </message>
    <message>
        <source>Preparing the figures, a month at a time</source>
        <translation>Cijfers worden voorbereid, maand per maand</translation>
    </message>
    <message>
        <source>The figures could not be read: {0}</source>
        <translation>De cijfers konden niet worden gelezen: {0}</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Geannuleerd.</translation>
    </message>
    <message>
        <source>{0}: data up to {1} included</source>
        <translation>{0}: gegevens tot en met {1}</translation>
    </message>
    <message>
        <source>{0}: data up to {1}</source>
        <translation>{0}: gegevens tot {1}</translation>
    </message>
    <message>
        <source>{0}: data up to {2} {1}</source>
        <translation>{0}: gegevens tot {2} om {1}</translation>
    </message>
    <message>
        <source>{0}: no data for these days</source>
        <translation>{0}: geen gegevens voor deze dagen</translation>
    </message>
    <message>
        <source>(link not established yet)</source>
        <translation>(verbinding nog niet tot stand gebracht)</translation>
    </message>
    <message>
        <source>Counters cannot open the dashboard: sign in with a manager&apos;s PIN.</source>
        <translation>Een loket kan het dashboard niet openen: meld u aan met de pincode van een leidinggevende.</translation>
    </message>
    <message>
        <source>Wrong name or PIN.</source>
        <translation>Verkeerde naam of pincode.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: wait a minute, then try again.</source>
        <translation>Te veel verkeerde pincodes: wacht een minuut en probeer het dan opnieuw.</translation>
    </message>
    <message>
        <source>Now calling</source>
        <translation>Nu aan de beurt</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>opnieuw</translation>
    </message>
    <message>
        <source>latest</source>
        <translation>laatste</translation>
    </message>
    <message>
        <source>Last calls</source>
        <translation>Laatste oproepen</translation>
    </message>
    <message>
        <source>Welcome. Please take a seat: your number will be shown here and called out.</source>
        <translation>Welkom. Neem plaats: uw nummer verschijnt hier en wordt omgeroepen.</translation>
    </message>
    <message>
        <source>Connection lost, reconnecting…</source>
        <translation>Verbinding verbroken, opnieuw verbinden…</translation>
    </message>
    <message>
        <source>All services are closed at the moment.</source>
        <translation>Alle diensten zijn op dit moment gesloten.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Zuil</translation>
    </message>
    <message>
        <source>Waiting-room display</source>
        <translation>Scherm in de wachtzaal</translation>
    </message>
    <message>
        <source>kiosk demonstration — {site}</source>
        <extracomment>The desktop a first run is planned for; a smaller free area wins.</extracomment>
        <translation>kiosk-demonstratie — {site}</translation>
    </message>
    <message>
        <source>Demonstration: pick a screen</source>
        <translation>Demonstratie: kies een scherm</translation>
    </message>
</context>
</TS>
