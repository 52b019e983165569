#!/usr/bin/perl
# For comparison in bench/wire-split-sentences.sh only: a sentence
# splitter in the manner of Moses' split-sentences.perl (the same kind of
# regular-expression rules and per-word non-breaking-prefix check),
# written for wire; not the Moses script itself.  Reads plain text with a
# blank line between paragraphs, writes one sentence per line and a blank
# line between paragraphs.  Non-breaking prefixes: wire's
# models/abbreviations.* (every kind), found via $WIRE_MODELS.
use strict;
use warnings;
use utf8;
binmode(STDIN, ':encoding(UTF-8)');
binmode(STDOUT, ':encoding(UTF-8)');

my $models = $ENV{WIRE_MODELS} || 'models';
my (%prefix, %numeric);
for my $kind ('nonfinal', 'final', 'number') {
	open(my $fh, '<:encoding(UTF-8)', "$models/abbreviations.$kind")
	    or die "$models/abbreviations.$kind: $!\n";
	while (<$fh>) {
		chomp;
		s/^\s+|\s+$//g;
		next if $_ eq '' || /^#/;
		s/\.$//;
		if ($kind eq 'number') { $numeric{$_} = 1 } else { $prefix{$_} = 1 }
	}
	close $fh;
}

my $par = '';
my $first = 1;
while (my $line = <STDIN>) {
	chomp $line;
	if ($line =~ /^\s*$/) {
		flush_par();
		next;
	}
	$par .= ($par eq '' ? '' : ' ') . $line;
}
flush_par();

sub flush_par {
	return if $par eq '';
	print "\n" unless $first;
	$first = 0;
	print split_text($par);
	$par = '';
}

sub split_text {
	my ($text) = @_;
	$text =~ s/ +/ /g;
	$text =~ s/^ //;
	$text =~ s/ $//;
	# non-period end of sentence markers (?!) followed by sentence starters
	$text =~ s/([?!]) +([\'\"\(\[\x{bf}\x{a1}\p{IsPi}]*[\p{IsUpper}])/$1\n$2/g;
	# multi-dots followed by sentence starters
	$text =~ s/(\.[\.]+) +([\'\"\(\[\x{bf}\x{a1}\p{IsPi}]*[\p{IsUpper}])/$1\n$2/g;
	# end of sentence inside quotes or brackets
	$text =~ s/([?!\.][\ ]*[\'\"\)\]\p{IsPf}]+) +([\'\"\(\[\x{bf}\x{a1}\p{IsPi}]*[\ ]*[\p{IsUpper}])/$1\n$2/g;
	# a period before an opening quote or bracket and a capital
	$text =~ s/([?!\.]) +([\'\"\(\[\x{bf}\x{a1}\p{IsPi}]+[\ ]*[\p{IsUpper}])/$1\n$2/g;

	# periods: look at each word ending with one
	my @words = split(/ /, $text);
	$text = '';
	for (my $i = 0; $i < $#words; $i++) {
		if ($words[$i] =~ /([\w\.\-]*)([\'\"\)\]\%\p{IsPf}]*)(\.+)$/) {
			my ($pre, $starting) = ($1, $2);
			if ($pre && index($pre, '.') >= 0 && $pre =~ /\p{IsAlpha}/) {
				# an acronym with periods: no break
			} elsif ($prefix{$pre} && !$starting) {
				# a known non-breaking prefix
			} elsif ($words[$i] =~ /(\.)[\p{IsUpper}\-]+(\.+)$/) {
				# upper-case letters separated by periods
			} elsif ($words[$i + 1] =~ /^([ ]*[\'\"\(\[\x{bf}\x{a1}\p{IsPi}]*[ ]*[\p{IsUpper}0-9])/) {
				unless ($numeric{$pre} && !$starting && $words[$i + 1] =~ /^[0-9]+/) {
					$words[$i] .= "\n";
				}
			}
		}
		$text .= $words[$i] . ' ';
	}
	$text .= $words[-1];
	$text =~ s/ +\n/\n/g;
	$text =~ s/\n +/\n/g;
	return "$text\n";
}
