<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name />
    <message>
        <source>Welcome</source>
        <translation>Welkom</translation>
    </message>
    <message>
        <source>Touch the service you have come for</source>
        <translation>Raak de dienst aan waarvoor u komt</translation>
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
        <source>Scan this code to follow your turn on your phone</source>
        <translation>Scan deze code om uw beurt op uw telefoon te volgen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
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
        <source>{service} is closed now</source>
        <translation>{service} is nu gesloten</translation>
    </message>
    <message>
        <source>Next opening: {when}</source>
        <translation>Volgende opening: {when}</translation>
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
        <source>Enter the code you were given when you booked</source>
        <translation>Voer de code in die u bij het maken van de afspraak kreeg</translation>
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
        <source>No wait</source>
        <translation>Geen wachttijd</translation>
    </message>
    <message>
        <source>{count} waiting · ~{minutes} min</source>
        <translation>{count} wachtend · ~{minutes} min</translation>
    </message>
    <message>
        <source>You are next</source>
        <translation>U bent de volgende</translation>
    </message>
    <message>
        <source>You are number {position} in line</source>
        <translation>U bent nummer {position} in de rij</translation>
    </message>
    <message>
        <source>Estimated wait: a few minutes</source>
        <translation>Geschatte wachttijd: enkele minuten</translation>
    </message>
    <message>
        <source>Estimated wait: about {minutes} min</source>
        <translation>Geschatte wachttijd: ongeveer {minutes} min</translation>
    </message>
    <message>
        <source>no opening planned</source>
        <translation>geen opening gepland</translation>
    </message>
    <message>
        <source>today {time}</source>
        <translation>vandaag {time}</translation>
    </message>
    <message>
        <source>tomorrow {time}</source>
        <translation>morgen {time}</translation>
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
        <source>We cannot give tickets at the moment. Reception will help you.</source>
        <translation>We kunnen op dit moment geen tickets geven. De balie helpt u verder.</translation>
    </message>
    <message>
        <source>Closed · opens {when}</source>
        <translation>Gesloten · open {when}</translation>
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
        <source>Keep this screen's code: no printer here.</source>
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
        <source>The printer is not working. Your ticket is on this screen: scan the code or remember your number. Reception has been told.</source>
        <translation>De printer werkt niet. Uw ticket staat op dit scherm: scan de code of onthoud uw nummer. De balie is op de hoogte.</translation>
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
</context>
</TS>