import { MergedCalendarLoader } from "@/components/calendar/merged-calendar-loader.tsx";

export default function CalendarPage() {
  return <MergedCalendarLoader />;
}
